"""Pure policy builders: every grant document action by action and resource by resource."""

import pytest

from nova_storage import (
    BUCKET_ARN_PLACEHOLDER,
    DELETE_OBJECT_ACTIONS,
    KMS_READ_ACTIONS,
    KMS_WRITE_ACTIONS,
    LIST_BUCKET_ACTIONS,
    PUT_OBJECT_ACTIONS,
    READ_OBJECT_ACTIONS,
    WRITE_OBJECT_ACTIONS,
    access_log_delivery_statement,
    bucket_policy_document,
    delete_policy_document,
    put_policy_document,
    read_policy_document,
    read_write_policy_document,
    tls_only_statements,
    write_policy_document,
)

ARN = "arn:aws:s3:::data-bucket"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
KMS_CONTEXT = {"StringLike": {"kms:EncryptionContext:aws:s3:arn": [ARN, f"{ARN}/*"]}}


def test_action_lists_are_exact():
    assert LIST_BUCKET_ACTIONS == ("s3:ListBucket", "s3:ListBucketVersions")
    assert READ_OBJECT_ACTIONS == (
        "s3:GetObject",
        "s3:GetObjectVersion",
        "s3:GetObjectTagging",
        "s3:GetObjectVersionTagging",
        "s3:GetObjectAttributes",
        "s3:GetObjectVersionAttributes",
    )
    assert PUT_OBJECT_ACTIONS == ("s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload")
    assert WRITE_OBJECT_ACTIONS[:-1] == PUT_OBJECT_ACTIONS
    assert WRITE_OBJECT_ACTIONS[-1] == "s3:ListMultipartUploadParts"
    assert DELETE_OBJECT_ACTIONS == ("s3:DeleteObject", "s3:DeleteObjectTagging")
    assert KMS_READ_ACTIONS == ("kms:Decrypt",)
    assert KMS_WRITE_ACTIONS == (
        "kms:Encrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:Decrypt",
    )


def test_write_and_put_never_delete_and_never_touch_acls_or_policies():
    for actions in (PUT_OBJECT_ACTIONS, WRITE_OBJECT_ACTIONS, READ_OBJECT_ACTIONS):
        assert not any("Delete" in a for a in actions)
        assert not any("Acl" in a or "Policy" in a for a in actions)
        assert not any("*" in a for a in actions)
    assert "s3:DeleteObjectVersion" not in DELETE_OBJECT_ACTIONS


def test_read_whole_bucket_without_kms():
    assert read_policy_document(ARN) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ListBucket",
                "Effect": "Allow",
                "Action": ["s3:ListBucket", "s3:ListBucketVersions"],
                "Resource": ARN,
            },
            {
                "Sid": "ReadObjects",
                "Effect": "Allow",
                "Action": list(READ_OBJECT_ACTIONS),
                "Resource": f"{ARN}/*",
            },
        ],
    }


def test_read_with_prefix_and_kms():
    statements = read_policy_document(ARN, "reports/", KEY)["Statement"]
    assert statements == [
        {
            "Sid": "ListBucket",
            "Effect": "Allow",
            "Action": ["s3:ListBucket", "s3:ListBucketVersions"],
            "Resource": ARN,
            "Condition": {"StringLike": {"s3:prefix": ["reports/*"]}},
        },
        {
            "Sid": "ReadObjects",
            "Effect": "Allow",
            "Action": list(READ_OBJECT_ACTIONS),
            "Resource": f"{ARN}/reports/*",
        },
        {
            "Sid": "DecryptObjects",
            "Effect": "Allow",
            "Action": ["kms:Decrypt"],
            "Resource": KEY,
            "Condition": KMS_CONTEXT,
        },
    ]


def test_put_is_object_uploads_only():
    assert put_policy_document(ARN)["Statement"] == [
        {
            "Sid": "PutObjects",
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload"],
            "Resource": f"{ARN}/*",
        }
    ]


def test_put_with_prefix_and_kms():
    statements = put_policy_document(ARN, "in/", KEY)["Statement"]
    assert statements == [
        {
            "Sid": "PutObjects",
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload"],
            "Resource": f"{ARN}/in/*",
        },
        {
            "Sid": "EncryptObjects",
            "Effect": "Allow",
            "Action": ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Decrypt"],
            "Resource": KEY,
            "Condition": KMS_CONTEXT,
        },
    ]


def test_write_without_prefix_or_kms():
    assert write_policy_document(ARN)["Statement"] == [
        {
            "Sid": "ListBucket",
            "Effect": "Allow",
            "Action": ["s3:ListBucket", "s3:ListBucketVersions"],
            "Resource": ARN,
        },
        {
            "Sid": "WriteObjects",
            "Effect": "Allow",
            "Action": [
                "s3:PutObject",
                "s3:PutObjectTagging",
                "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts",
            ],
            "Resource": f"{ARN}/*",
        },
    ]


def test_write_with_prefix_and_kms():
    statements = write_policy_document(ARN, "out/", KEY)["Statement"]
    assert statements[0]["Condition"] == {"StringLike": {"s3:prefix": ["out/*"]}}
    assert statements[0]["Resource"] == ARN
    assert statements[1]["Resource"] == f"{ARN}/out/*"
    assert statements[2] == {
        "Sid": "EncryptObjects",
        "Effect": "Allow",
        "Action": ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Decrypt"],
        "Resource": KEY,
        "Condition": KMS_CONTEXT,
    }
    assert len(statements) == 3


@pytest.mark.parametrize("kms", [None, KEY])
def test_delete_needs_no_kms(kms):
    assert delete_policy_document(ARN, "tmp/", kms)["Statement"] == [
        {
            "Sid": "DeleteObjects",
            "Effect": "Allow",
            "Action": ["s3:DeleteObject", "s3:DeleteObjectTagging"],
            "Resource": f"{ARN}/tmp/*",
        }
    ]


def test_read_write_merges_without_duplicates_and_without_delete():
    statements = read_write_policy_document(ARN, None, KEY)["Statement"]
    assert [s["Sid"] for s in statements] == [
        "ListBucket",
        "ReadWriteObjects",
        "EncryptDecryptObjects",
    ]
    assert statements[1]["Action"] == [*READ_OBJECT_ACTIONS, *WRITE_OBJECT_ACTIONS]
    assert statements[1]["Resource"] == f"{ARN}/*"
    assert statements[2]["Action"] == [
        "kms:Decrypt",
        "kms:Encrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
    ]
    assert statements[2]["Resource"] == KEY
    assert "Condition" not in statements[0]
    assert not any("Delete" in a for s in statements for a in s["Action"])


def test_read_write_without_kms_has_two_statements():
    statements = read_write_policy_document(ARN, "x/")["Statement"]
    assert len(statements) == 2
    assert statements[0]["Condition"] == {"StringLike": {"s3:prefix": ["x/*"]}}
    assert statements[1]["Resource"] == f"{ARN}/x/*"


def test_tls_only_statements_have_the_cdk_nag_s10_shape():
    deny_plain, deny_old_tls = tls_only_statements(ARN)
    for statement in (deny_plain, deny_old_tls):
        assert statement["Effect"] == "Deny"
        assert statement["Principal"] == "*"
        assert statement["Action"] == "s3:*"
        assert statement["Resource"] == [ARN, f"{ARN}/*"]
    assert deny_plain["Sid"] == "DenyInsecureTransport"
    assert deny_plain["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert deny_old_tls["Sid"] == "DenyOutdatedTls"
    assert deny_old_tls["Condition"] == {"NumericLessThan": {"s3:TlsVersion": 1.2}}


def test_bucket_policy_document_substitutes_the_bucket_arn_placeholder():
    statement = {
        "Sid": "CrossAccountRead",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
        "Action": ["s3:GetObject"],
        "Resource": [f"{BUCKET_ARN_PLACEHOLDER}/shared/*", BUCKET_ARN_PLACEHOLDER],
        "Condition": {"Bool": {"aws:SecureTransport": True}},
    }
    document = bucket_policy_document(ARN, [statement])
    assert document["Version"] == "2012-10-17"
    assert document["Statement"][:2] == tls_only_statements(ARN)
    assert document["Statement"][2] == {
        **statement,
        "Resource": [f"{ARN}/shared/*", ARN],
    }
    assert statement["Resource"][1] == BUCKET_ARN_PLACEHOLDER  # the input is not mutated


def test_access_log_delivery_statement():
    assert access_log_delivery_statement("123456789012", "data/") == {
        "Sid": "AllowS3ServerAccessLogDelivery",
        "Effect": "Allow",
        "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": "${bucket_arn}/data/*",
        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
    }
    with_source = access_log_delivery_statement("123456789012", source_bucket_arn=ARN)
    assert with_source["Resource"] == "${bucket_arn}/*"
    assert with_source["Condition"]["ArnLike"] == {"aws:SourceArn": ARN}


@pytest.mark.parametrize(
    "builder",
    [
        read_policy_document,
        put_policy_document,
        write_policy_document,
        delete_policy_document,
        read_write_policy_document,
        bucket_policy_document,
    ],
)
def test_fails_when_the_bucket_arn_is_none(builder):
    with pytest.raises(TypeError, match=r"bucket_arn must be the bucket's ARN.*got None"):
        builder(None)
