"""Secret grants (SM-04): exact actions on the exact ARN, kms:Decrypt only via Secrets Manager."""

import json

import pulumi
import pulumi_aws as aws
import pytest

from nova_core import NovaInputError
from nova_storage import (
    SECRET_KMS_READ_ACTIONS,
    SECRET_READ_ACTIONS,
    Secret,
    secret_read_policy_document,
)
from nova_storage._secret_policies import secrets_manager_endpoint

ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-a1B2c3"


def test_action_lists():
    assert list(SECRET_READ_ACTIONS) == [
        "secretsmanager:GetSecretValue",
        "secretsmanager:DescribeSecret",
    ]
    assert list(SECRET_KMS_READ_ACTIONS) == ["kms:Decrypt"]


def test_read_document_names_the_exact_arn():
    assert secret_read_policy_document(ARN) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadSecret",
                "Effect": "Allow",
                "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                "Resource": ARN,
            }
        ],
    }


def test_read_document_with_a_cmk_decrypts_only_via_secrets_manager_in_the_key_region():
    statements = secret_read_policy_document(ARN, KMS_KEY)["Statement"]
    assert statements[1] == {
        "Sid": "DecryptSecretViaSecretsManager",
        "Effect": "Allow",
        "Action": ["kms:Decrypt"],
        "Resource": KMS_KEY,
        "Condition": {"StringEquals": {"kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com"}},
    }


def test_via_service_endpoint_per_partition():
    assert secrets_manager_endpoint("us-east-1") == "secretsmanager.us-east-1.amazonaws.com"
    assert (
        secrets_manager_endpoint("cn-north-1", "aws-cn")
        == "secretsmanager.cn-north-1.amazonaws.com.cn"
    )


@pytest.mark.parametrize("kms", [None, KMS_KEY])
def test_grant_read_attaches_the_document_to_the_role(mock_stack, kms):
    mock_stack.set_config("aws:region", "eu-west-1")

    def program():
        role = aws.iam.Role("api", assume_role_policy="{}")
        secret = Secret("app", {} if kms is None else {"kms_key_arn": kms})
        secret.grant_read(role)

    rec = mock_stack.run(program)
    grant = rec.named("app-grant-read-api")
    assert grant.type == ROLE_POLICY
    assert grant.parent_urn == rec.named("app").urn
    assert grant.inputs["role"] == rec.named("api").outputs["name"]
    arn = rec.named("app-secret").outputs["arn"]
    assert arn.rsplit("-", 1)[1].isalnum()
    assert len(arn.rsplit("-", 1)[1]) == 6
    document = json.loads(grant.inputs["policy"])
    assert document == secret_read_policy_document(arn, kms)
    assert document["Statement"][0]["Resource"] == arn
    assert "*" not in json.dumps(document["Statement"][0])
    assert len(document["Statement"]) == (1 if kms is None else 2)


def test_fails_when_the_same_grant_is_made_twice(mock_stack):
    def program():
        secret = Secret("app")
        secret.grant_read("api")
        secret.grant_read("api")

    with pytest.raises(NovaInputError, match=r"'grant_read\.grant_id' is 'api'.*exists already"):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 1)


def test_fails_when_the_grant_id_is_not_a_stable_key(mock_stack):
    def program():
        Secret("app").grant_read("api", grant_id="two words")

    with pytest.raises(NovaInputError, match=r"'grant_read\.grant_id' is 'two words': grant ids"):
        mock_stack.run(program)
    mock_stack.last.resource_count_is(ROLE_POLICY, 0)


def test_an_output_cmk_is_stated_and_granted_once_known(mock_stack):
    def program():
        secret = Secret("app", {"kms_key_arn": pulumi.Output.from_input(KMS_KEY)})
        secret.grant_read("api")

    rec = mock_stack.run(program)
    assert rec.named("app-secret").inputs["kmsKeyId"] == KMS_KEY
    statements = json.loads(rec.named("app-grant-read-api").inputs["policy"])["Statement"]
    assert statements[1]["Resource"] == KMS_KEY
    assert statements[1]["Condition"] == {
        "StringEquals": {"kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com"}
    }
