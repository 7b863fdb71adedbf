"""Every check of QueueArgs fails before registration: one failing input per rule (B.8, A.8).

Each test asserts the component, the argument path, the rule and the fix of the message, and (in
the ``refused`` fixture) that no ``aws:`` resource and not the component itself was registered.
"""

import pulumi
import pytest

from nova_messaging import Queue, QueueArgs


def _queue(**args):
    return lambda: Queue("jobs", QueueArgs(**args))


# -- keys and types ------------------------------------------------------------------------------
def test_fails_when_a_key_is_unknown(refused):
    refused(_queue(retention_days=4), "retention_days", "not a known key", "did you mean")


def test_fails_when_a_number_is_a_bool(refused):
    refused(_queue(retention_seconds=True), "retention_seconds", "must be a whole number")


def test_fails_when_a_plain_only_value_is_an_output(refused):
    refused(
        _queue(visibility_timeout_seconds=pulumi.Output.from_input(60)),
        "visibility_timeout_seconds",
        "must be known when the program runs",
    )


def test_fails_when_fifo_is_not_a_bool(refused):
    refused(_queue(fifo="yes"), "fifo", "must be True or False")


# -- names (B.8 QueueName) -----------------------------------------------------------------------
def test_fails_when_the_queue_name_has_other_characters(refused):
    refused(_queue(queue_name="jobs.v2"), "queue_name", "letters, digits, '-' and '_'")


def test_fails_when_the_queue_name_is_longer_than_80(refused):
    refused(_queue(queue_name="q" * 81), "queue_name", "at most 80 characters", "shorten it by 1")


def test_fails_when_a_fifo_queue_name_lacks_the_suffix(refused):
    refused(
        _queue(queue_name="orders", fifo=True),
        "queue_name",
        "must end in '.fifo'",
        "'orders.fifo'",
    )


def test_fails_when_a_standard_queue_name_ends_in_fifo(refused):
    refused(_queue(queue_name="orders.fifo"), "queue_name", "only FIFO queues", "set fifo=True")


def test_fails_when_a_fifo_dlq_name_lacks_the_suffix(refused):
    refused(_queue(dlq_name="orders-dlq", fifo=True), "dlq_name", "must end in '.fifo'")


def test_fails_when_the_derived_dlq_name_would_be_too_long(refused):
    refused(_queue(queue_name="q" * 78), "queue_name", "the DLQ name derived", "pass dlq_name")


def test_fails_when_the_dlq_name_is_the_queue_name(refused):
    refused(_queue(queue_name="jobs", dlq_name="jobs"), "dlq_name", "another queue")


def test_fails_when_the_component_name_cannot_make_a_queue_name(refused):
    refused(lambda: Queue("jobs.v2"), "name", "generated from the component name")


def test_fails_when_the_generated_name_would_be_longer_than_80(refused):
    refused(lambda: Queue("n" * 70), "name", "would have 84 characters", "shorten")


def test_a_long_component_name_is_fine_with_explicit_names(mock_stack):
    rec = mock_stack.run(lambda: Queue("n" * 70, QueueArgs(queue_name="jobs")))
    assert rec.named("n" * 70 + "-dlq").inputs["name"] == "jobs-dlq"


# -- FIFO ----------------------------------------------------------------------------------------
def test_fails_when_content_based_deduplication_is_asked_of_a_standard_queue(refused):
    refused(
        _queue(content_based_deduplication=True),
        "content_based_deduplication",
        "only for FIFO queues",
        "set fifo=True",
    )


# -- retention (Q-06) ----------------------------------------------------------------------------
@pytest.mark.parametrize("value", [59, 1_209_601])
def test_fails_when_the_retention_is_outside_what_sqs_keeps(refused, value):
    refused(_queue(retention_seconds=value), "retention_seconds", "between 60 and 1209600")


def test_fails_when_a_standard_source_keeps_messages_as_long_as_the_default_dlq(refused):
    error = refused(
        _queue(retention_seconds=1_209_600),
        "retention_seconds",
        "shorter than the DLQ's retention (1209600 s)",
        "original enqueue time",
        "use at most 1209599",
    )
    assert "dead-letter queues" in error.message


def test_fails_when_the_dlq_retention_is_not_longer_than_the_source(refused):
    refused(
        _queue(retention_seconds=86_400, dlq_retention_seconds=86_400),
        "dlq_retention_seconds",
        "longer than the source queue's retention (86400 s)",
        "raise dlq_retention_seconds above 86400",
    )


def test_fails_when_the_dlq_retention_is_out_of_range(refused):
    refused(_queue(dlq_retention_seconds=30), "dlq_retention_seconds", "between 60 and 1209600")


# -- attributes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [-1, 43_201])
def test_fails_when_the_visibility_timeout_is_out_of_range(refused, value):
    refused(
        _queue(visibility_timeout_seconds=value),
        "visibility_timeout_seconds",
        "between 0 and 43200",
    )


def test_fails_when_the_receive_wait_is_longer_than_20_seconds(refused):
    refused(_queue(receive_wait_time_seconds=21), "receive_wait_time_seconds", "between 0 and 20")


def test_fails_when_the_delay_is_longer_than_900_seconds(refused):
    refused(_queue(delay_seconds=901), "delay_seconds", "between 0 and 900")


@pytest.mark.parametrize("value", [1_023, 1_048_577])
def test_fails_when_the_message_size_is_out_of_range(refused, value):
    refused(
        _queue(max_message_size_bytes=value),
        "max_message_size_bytes",
        "between 1024 and 1048576",
        "MaximumMessageSize",
    )


# -- redrive (Q-04) ------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [0, 1_001])
def test_fails_when_max_receive_count_is_out_of_range(refused, value):
    refused(_queue(max_receive_count=value), "max_receive_count", "between 1 and 1000")


# -- encryption (Q-01) ---------------------------------------------------------------------------
def test_fails_when_the_key_is_the_aws_managed_sqs_key(refused):
    refused(
        _queue(kms_key_arn="arn:aws:kms:us-east-1:123456789012:alias/aws/sqs"),
        "kms_key_arn",
        "alias/aws/sqs cannot be used",
        "leave kms_key_arn out",
    )


def test_fails_when_the_key_is_not_a_key_arn(refused):
    refused(
        _queue(kms_key_arn="arn:aws:kms:us-east-1:123456789012:alias/jobs"),
        "kms_key_arn",
        "must be the ARN of a key",
    )


def test_fails_when_the_key_is_a_bare_key_id(refused):
    refused(
        _queue(kms_key_arn="1234abcd-12ab-34cd-56ef-1234567890ab"),
        "kms_key_arn",
        "must be kms ARN",
    )


def test_fails_when_a_data_key_reuse_period_is_given_without_a_key(refused):
    refused(
        _queue(kms_data_key_reuse_period_seconds=300),
        "kms_data_key_reuse_period_seconds",
        "only to queues encrypted with a customer managed key",
    )


def test_fails_when_the_data_key_reuse_period_is_out_of_range(refused):
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    refused(
        _queue(kms_key_arn=key, kms_data_key_reuse_period_seconds=59),
        "kms_data_key_reuse_period_seconds",
        "between 60 and 86400",
    )


# -- queue policy (Q-02, Q-03) -------------------------------------------------------------------
SEND = {
    "Effect": "Allow",
    "Principal": {"Service": "sns.amazonaws.com"},
    "Action": "sqs:SendMessage",
}


@pytest.mark.parametrize("principal", ["*", {"AWS": "*"}, {"AWS": ["arn:aws:iam::1:root", "*"]}])
def test_fails_when_a_statement_allows_everyone(refused, principal):
    refused(
        _queue(policy_statements=[{**SEND, "Principal": principal}]),
        "policy_statements[0].Principal",
        "makes the queue public",
        "SH SQS.3",
    )


@pytest.mark.parametrize("action", ["*", "sqs:*", ["sqs:SendMessage", "sqs:*"]])
def test_fails_when_a_statement_allows_every_action(refused, action):
    refused(
        _queue(policy_statements=[{**SEND, "Action": action}]),
        "policy_statements[0].Action",
        "grants every queue action",
        "CKV_AWS_72",
    )


def test_fails_when_an_allow_uses_not_principal(refused):
    statement = {"Effect": "Allow", "NotPrincipal": {"AWS": "x"}, "Action": "sqs:SendMessage"}
    refused(
        _queue(policy_statements=[statement]),
        "policy_statements[0].NotPrincipal",
        "grants everything except",
    )


def test_fails_when_a_statement_has_no_effect(refused):
    refused(
        _queue(policy_statements=[{k: v for k, v in SEND.items() if k != "Effect"}]),
        "policy_statements[0].Effect",
        "needs an Effect",
    )


def test_fails_when_a_statement_has_no_principal(refused):
    refused(
        _queue(policy_statements=[{"Effect": "Allow", "Action": "sqs:SendMessage"}]),
        "policy_statements[0].Principal",
        "needs a non-empty Principal or NotPrincipal",
        "{'Service': 'sns.amazonaws.com'}",
    )


def test_fails_when_a_statement_has_an_empty_action(refused):
    refused(
        _queue(policy_statements=[{**SEND, "Action": []}]),
        "policy_statements[0].Action",
        "needs a non-empty Action or NotAction",
    )


def test_fails_when_a_deny_has_action_and_not_action(refused):
    deny = {"Effect": "Deny", "Principal": "*", "Action": "sqs:PurgeQueue", "NotAction": "x"}
    refused(
        _queue(policy_statements=[deny]),
        "policy_statements[0].NotAction",
        "takes Action or NotAction, not both",
    )


def test_a_queue_policy_sid_may_hold_underscores(mock_stack):
    rec = mock_stack.run(_queue(policy_statements=[{**SEND, "Sid": "Topic_Send"}]))
    assert "Topic_Send" in rec.named("jobs-queue-policy").inputs["policy"]


def test_fails_when_a_statement_key_is_misspelt(refused):
    refused(
        _queue(policy_statements=[{**SEND, "Actions": "sqs:SendMessage"}]),
        "policy_statements[0].Actions",
        "did you mean 'Action'",
    )


def test_fails_when_a_statement_reuses_the_tls_only_sid(refused):
    refused(
        _queue(policy_statements=[{**SEND, "Sid": "DenyInsecureTransport"}]),
        "policy_statements[0].Sid",
        "must be unique",
    )


def test_fails_when_a_statement_names_every_resource(refused):
    refused(
        _queue(policy_statements=[{**SEND, "Resource": "*"}]),
        "policy_statements[0].Resource",
        "applies to this queue only",
    )


def test_a_deny_statement_may_name_everyone(mock_stack):
    deny = {"Effect": "Deny", "Principal": "*", "Action": "sqs:PurgeQueue"}
    rec = mock_stack.run(_queue(policy_statements=[deny]))
    assert "sqs:PurgeQueue" in rec.named("jobs-queue-policy").inputs["policy"]


# -- tags (Q-13) ---------------------------------------------------------------------------------
def test_fails_when_a_tag_key_is_reserved(refused):
    refused(_queue(tags={"aws:team": "x"}), 'tags["aws:team"]', "reserved for AWS")
