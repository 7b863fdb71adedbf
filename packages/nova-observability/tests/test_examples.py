import runpy
from pathlib import Path

EXAMPLE = Path(__file__).parents[1] / "examples" / "basic.py"
TESTING_EXAMPLE = EXAMPLE.with_name("testing.py")
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"


def run_example(mock_stack):
    return mock_stack.run(lambda: runpy.run_path(str(EXAMPLE), run_name="__main__"))


def test_readme_example_runs_and_exports(mock_stack):
    rec = run_example(mock_stack)
    rec.resource_count_is(ALARM, 15)
    rec.resource_count_is("aws:sns/topic:Topic", 1)
    rec.resource_count_is("aws:sns/topicSubscription:TopicSubscription", 0)
    rec.resource_count_is("aws:cloudwatch/dashboard:Dashboard", 1)
    rec.resource_count_is("aws:s3/bucketMetric:BucketMetric", 1)
    assert rec.outputs["dashboard_name"] == "nova-test-test"
    assert rec.outputs["alarm_topic_arn"] == rec.get("aws:sns/topic:Topic").outputs["arn"]
    assert rec.outputs["alarm_names"]["orders/errors"] == "nova-test-test-orders-errors"
    duration = rec.named("shop-alarm-orders-duration").inputs
    assert (duration["threshold"], duration["evaluationPeriods"]) == (8000, 5)
    assert rec.named("shop-alarm-public-latency").inputs["threshold"] == 2500
    assert rec.named("shop-alarm-imports-age").inputs["threshold"] == 2 * 24 * 3600
    assert rec.named("shop-alarm-imports-dlq").inputs["dimensions"] == {
        "QueueName": "shop-test-imports-dlq"
    }
    assert rec.named("shop-alarm-items-system_errors").inputs["metricQueries"][0]["metric"][
        "dimensions"
    ] == {"TableName": "shop-test-items", "Operation": "GetItem"}
    assert (
        rec.named("shop-alarm-orders-errors")
        .inputs["alarmDescription"]
        .endswith("Runbook: https://wiki.example.com/runbooks/shop")
    )


def test_readme_example_reads_environment_config(mock_stack):
    mock_stack.stack = "dev"
    mock_stack.set_config("nova-test:alarmEmail", "oncall@example.com")
    mock_stack.set_config("nova-test:latencyP99Ms", "1200")
    rec = run_example(mock_stack)
    rec.has_resource_properties(
        "aws:sns/topicSubscription:TopicSubscription",
        {"protocol": "email", "endpoint": "oncall@example.com"},
    )
    assert rec.named("shop-alarm-public-latency").inputs["threshold"] == 1200
    rec.resource_count_is(ALARM, 14)
    assert "uploads/4xx" not in rec.outputs["alarm_names"]
    assert rec.outputs["dashboard_name"] == "nova-test-dev"


def test_readme_shows_the_example_first():
    readme = (EXAMPLE.parents[1] / "README.md").read_text()
    first_block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert first_block == EXAMPLE.read_text()


def test_testing_example_passes(mock_stack):
    example = runpy.run_path(str(TESTING_EXAMPLE))
    example["test_every_alarm_notifies_the_topic"](mock_stack)
    assert mock_stack.last.get("aws:sns/topic:Topic").outputs["arn"].startswith("arn:aws:sns:")


def test_readme_testing_section_shows_the_testing_example():
    readme = (EXAMPLE.parents[1] / "README.md").read_text()
    testing = readme.split("\n## Testing\n", 1)[1]
    first_block = testing.split("```python\n", 1)[1].split("```", 1)[0]
    assert first_block == TESTING_EXAMPLE.read_text()
