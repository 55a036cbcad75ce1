"""Creates a user pool with three users in the moto at argv[1]; prints the pool id.

`.ci/run` uses it to run the generated crate's `list_users` example the way the README shows.
"""
import sys

import boto3

client = boto3.client(
    "cognito-idp",
    endpoint_url=sys.argv[1],
    region_name="us-east-1",
    aws_access_key_id="moto",
    aws_secret_access_key="moto",
)
pool_id = client.create_user_pool(PoolName="list-users-example")["UserPool"]["Id"]
for username in ["ana", "anabel", "bruno"]:
    client.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )
print(pool_id)
