"""Catalogue of the alarms for SQS queues (with their dead-letter queues) and DynamoDB tables.

Placeholders in ``first_look``: queues ``{queue_name}``, ``{dlq_name}``, ``{dlq_arn}``,
``{retention_seconds}``, ``{consumer}``; tables ``{table_name}``, ``{operations}``.
"""

from collections.abc import Mapping

from nova_observability._kind import AlarmKind

__all__ = ["DATA_KINDS", "DEFAULT_TABLE_OPERATIONS", "TABLE_OPERATIONS"]

TABLE_OPERATIONS = (
    "GetItem",
    "BatchGetItem",
    "Query",
    "Scan",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "BatchWriteItem",
    "TransactGetItems",
    "TransactWriteItems",
    "ExecuteStatement",
    "BatchExecuteStatement",
    "ExecuteTransaction",
    "GetRecords",
)
"""Values of DynamoDB's ``Operation`` dimension (SuccessfulRequestLatency, SystemErrors)."""

DEFAULT_TABLE_OPERATIONS = TABLE_OPERATIONS[:10]
"""Operations watched for system errors when a table does not say which it is used for: every
item and transaction API (10 metrics, the most one alarm here takes)."""

_MATH_ONLY = (
    "threshold",
    "statistic",
    "comparison_operator",
    "evaluate_low_sample_count_percentile",
)

DATA_KINDS: Mapping[str, Mapping[str, AlarmKind]] = {
    "queues": {
        "dlq": AlarmKind(
            resource_type="queues",
            kind="dlq",
            namespace="AWS/SQS",
            metric_name="ApproximateNumberOfMessagesVisible",
            statistic="Maximum",
            threshold=0.0,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=1,
            treat_missing_data="notBreaching",
            what="messages waiting in the dead-letter queue",
            unit="",
            rate=False,
            subject="SQS dead-letter queue {dlq_name} (of {queue_name})",
            first_look=(
                "why the consumer {consumer} failed these messages (its log group; "
                "aws sqs receive-message on the dead-letter queue shows one without deleting it). "
                "Fix the consumer first, then redrive: aws sqs start-message-move-task "
                "--source-arn {dlq_arn} moves the messages back to {queue_name}."
            ),
            basis=(
                "AWS recommended alarm SQS ApproximateNumberOfMessagesVisible (threshold left to "
                "the user), on the dead-letter queue at Maximum > 0 in 1 of 1 minutes: one poison "
                "message is an incident."
            ),
        ),
        "age": AlarmKind(
            resource_type="queues",
            kind="age",
            namespace="AWS/SQS",
            metric_name="ApproximateAgeOfOldestMessage",
            statistic="Maximum",
            threshold=None,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=15,
            treat_missing_data="notBreaching",
            what="age of the oldest message",
            unit=" s",
            rate=False,
            first_look=(
                "the consumer {consumer}: its errors, throttles and concurrency on the dashboard "
                "(a failing, throttled or too slow consumer leaves messages behind). Messages "
                "older than the retention ({retention_seconds} s) are deleted unread."
            ),
            basis=(
                "AWS recommended alarm SQS ApproximateAgeOfOldestMessage (Maximum, 60 s, 15 of "
                "15, threshold left to the user): 50 % of the queue's retention, so half the time "
                "before messages are deleted unread is left to react; never above the retention."
            ),
        ),
        "waiting": AlarmKind(
            resource_type="queues",
            kind="waiting",
            namespace="AWS/SQS",
            metric_name="ApproximateNumberOfMessagesVisible",
            statistic="Maximum",
            threshold=0.0,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=1,
            treat_missing_data="notBreaching",
            what="messages waiting in a queue nothing consumes",
            unit="",
            rate=False,
            enabled_by_default=False,
            first_look=(
                "the messages in {queue_name} (aws sqs receive-message shows one without deleting "
                "it): on an on-failure destination each is an event a function failed after its "
                "retries, with the request and the error. Fix the cause, then replay the events."
            ),
            basis=(
                "AWS recommended alarm SQS ApproximateNumberOfMessagesVisible (threshold left to "
                "the user) at Maximum > 0 in 1 of 1 minutes; opt-in, for queues nothing consumes "
                "(a Lambda on-failure destination), where one message is an incident."
            ),
        ),
        "consumer_stopped": AlarmKind(
            resource_type="queues",
            kind="consumer_stopped",
            namespace="AWS/SQS",
            metric_name="ApproximateNumberOfMessagesVisible and NumberOfMessagesReceived",
            statistic="Maximum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=300,
            evaluation_periods=3,
            treat_missing_data="notBreaching",
            what="a stopped consumer (messages visible while none are received)",
            unit="",
            rate=False,
            shape="consumer_stopped",
            fixed=_MATH_ONLY,
            first_look=(
                "the event source mapping of {consumer} (aws lambda list-event-source-mappings: "
                "State Enabled?), its reserved concurrency (0 stops it) and its role's "
                "sqs:ReceiveMessage permission."
            ),
            basis=(
                "No AWS recommended alarm. Metric math IF(visible > 0 AND received == 0, 1, 0) "
                "in 3 of 3 5-minute periods: messages wait and nothing receives them, whatever "
                "the depth (a plain visible > N fires on healthy bursts and misses a stopped "
                "consumer behind a short queue)."
            ),
        ),
    },
    "tables": {
        "read_throttles": AlarmKind(
            resource_type="tables",
            kind="read_throttles",
            namespace="AWS/DynamoDB",
            metric_name="ReadThrottleEvents",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="throttled reads",
            unit="",
            rate=False,
            first_look=(
                "consumed read capacity on the dashboard against the table's capacity or "
                "maximum throughput, and the most read keys (CloudWatch Contributor Insights "
                "for DynamoDB): on-demand tables throttle on hot partitions."
            ),
            basis=(
                "AWS recommended alarm DynamoDB ReadThrottleEvents (Sum, 60 s, 5 of 5, threshold "
                "left to the user): any throttled read in 5 consecutive minutes."
            ),
        ),
        "write_throttles": AlarmKind(
            resource_type="tables",
            kind="write_throttles",
            namespace="AWS/DynamoDB",
            metric_name="WriteThrottleEvents",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="throttled writes",
            unit="",
            rate=False,
            first_look=(
                "consumed write capacity on the dashboard against the table's capacity or "
                "maximum throughput, and the most written keys (Contributor Insights); global "
                "secondary indexes that cannot keep up throttle the table's writes too."
            ),
            basis=(
                "AWS recommended alarm DynamoDB WriteThrottleEvents (Sum, 60 s, 5 of 5, "
                "threshold left to the user): any throttled write in 5 consecutive minutes."
            ),
        ),
        "system_errors": AlarmKind(
            resource_type="tables",
            kind="system_errors",
            namespace="AWS/DynamoDB",
            metric_name="SystemErrors",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=15,
            treat_missing_data="notBreaching",
            what="system errors (HTTP 500) of {operations}",
            unit="",
            rate=False,
            shape="operations",
            expression="SUM(METRICS())",
            first_look=(
                "the AWS Health Dashboard for DynamoDB in this Region: SDK retries absorb "
                "occasional 500s, sustained ones are an AWS-side incident."
            ),
            basis=(
                "AWS recommended alarm DynamoDB SystemErrors (Sum, 60 s, 15 of 15, threshold "
                "left to the user): any, summed over the table's operations (the metric is "
                "published per operation)."
            ),
        ),
        "user_errors": AlarmKind(
            resource_type="tables",
            kind="user_errors",
            namespace="AWS/DynamoDB",
            metric_name="UserErrors",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="user errors (HTTP 400)",
            unit="",
            rate=False,
            enabled_by_default=False,
            subject="DynamoDB in this account and Region (reported with table {table_name})",
            first_look=(
                "CloudTrail DynamoDB events with an errorCode (ValidationException, "
                "ResourceNotFoundException, AccessDeniedException): a deployment sending bad "
                "requests or missing permissions."
            ),
            basis=(
                "No AWS recommended alarm; opt-in because UserErrors is published per account "
                "and Region (no TableName dimension), so one table carries it."
            ),
        ),
        "latency": AlarmKind(
            resource_type="tables",
            kind="latency",
            namespace="AWS/DynamoDB",
            metric_name="SuccessfulRequestLatency",
            statistic="Average",
            threshold=50.0,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=10,
            treat_missing_data="notBreaching",
            what="latency of the slowest of {operations}",
            unit=" ms",
            rate=False,
            enabled_by_default=False,
            shape="operations",
            expression="MAX(METRICS())",
            first_look=(
                "item sizes and the number of items a Query or Scan reads (latency grows with "
                "both), then the client's retries; DynamoDB's own latency is usually single-"
                "digit milliseconds."
            ),
            basis=(
                "AWS recommended alarm DynamoDB SuccessfulRequestLatency (Average, 60 s, 10 of "
                "10, threshold left to the user): 50 ms, several times the single-digit "
                "milliseconds of point reads and writes; opt-in, for the operations given."
            ),
        ),
    },
}
"""Alarm kinds of queues and tables, by resource type then kind name."""
