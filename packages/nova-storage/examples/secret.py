"""A generated signing key and a token supplied from stack config, both read by one role.

Run it as a stack's ``__main__.py`` after storing the token encrypted in the stack config:
``pulumi config set --secret upstreamToken <token>``.
"""

import json

import pulumi
import pulumi_aws as aws

from nova_storage import Secret, SecretArgs

config = pulumi.Config()

# Generated once (random.RandomPassword keeps it in the state) and stable across runs.
signing_key = Secret(
    "signing-key",
    SecretArgs(
        description="HMAC key of the records API",
        length=48,
        exclude_characters="@:",
    ),
)

# Supplied from config: never a literal in the program, written write-only.
upstream_token = Secret(
    "upstream-token",
    SecretArgs(
        description="Token of the upstream partner API",
        value=config.require_secret("upstreamToken"),
        tags={"owner": "records-team"},
    ),
)

api_role = aws.iam.Role(
    "records-api",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)
signing_key.grant_read(api_role)
upstream_token.grant_read(api_role)

pulumi.export("signing_key_arn", signing_key.arn)
pulumi.export("upstream_token_arn", upstream_token.arn)
