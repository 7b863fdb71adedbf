from nova_observability import alarm_topic_key_policy, alarm_topic_policy

ARN = "arn:aws-cn:sns:cn-north-1:123456789012:alarms"


def test_topic_policy_uses_the_partition_and_account():
    doc = alarm_topic_policy(ARN, "123456789012", "aws-cn")
    effects = [(s["Sid"], s["Effect"]) for s in doc["Statement"]]
    assert effects == [
        ("AllowCloudWatchAlarmsToPublish", "Allow"),
        ("AllowOwningAccountToManage", "Allow"),
        ("DenyPublishWithoutTls", "Deny"),
    ]
    assert doc["Statement"][1]["Principal"] == {"AWS": "arn:aws-cn:iam::123456789012:root"}
    assert all(s["Resource"] == ARN for s in doc["Statement"])


def test_key_policy_uses_the_partition_and_account():
    doc = alarm_topic_key_policy("210987654321", "aws-us-gov")
    assert doc["Statement"][0]["Principal"] == {"AWS": "arn:aws-us-gov:iam::210987654321:root"}
    assert doc["Statement"][1]["Condition"] == {
        "StringEquals": {"aws:SourceAccount": "210987654321"}
    }
