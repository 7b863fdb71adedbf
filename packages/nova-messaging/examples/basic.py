"""A job queue with its dead-letter queue, a Lambda worker that consumes it, and a producer.

Run it as a stack's ``__main__.py``. The worker's timeout decides the queue's visibility timeout
(6 x 30 s = 180 s); a message that fails five times moves to the DLQ, which keeps it 14 days.
"""

import json

import pulumi
import pulumi_aws as aws

from nova_messaging import ConsumerFunction, Queue, QueueArgs

WORKER_TIMEOUT_SECONDS = 30


def lambda_role(name: str) -> aws.iam.Role:
    return aws.iam.Role(
        name,
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


# The worker reports failed messages one by one (Powertools' BatchProcessor does the same), so
# one bad message never sends its whole batch back to the queue.
worker_role = lambda_role("worker-role")
worker = aws.lambda_.Function(
    "worker",
    role=worker_role.arn,
    runtime="python3.13",
    handler="app.handler",
    timeout=WORKER_TIMEOUT_SECONDS,
    code=pulumi.AssetArchive(
        {
            "app.py": pulumi.StringAsset(
                "def handler(event, context):\n"
                "    failures = []\n"
                "    for record in event['Records']:\n"
                "        if not record['body']:\n"
                "            failures.append({'itemIdentifier': record['messageId']})\n"
                "    return {'batchItemFailures': failures}\n"
            )
        }
    ),
)

jobs = Queue(
    "jobs",
    QueueArgs(
        consumer={
            "function": ConsumerFunction(
                arn=worker.arn, role=worker_role, timeout_seconds=WORKER_TIMEOUT_SECONDS
            ),
            "batch_size": 10,
            "max_concurrency": 5,
        },
        tags={"service": "imports"},
    ),
)

# A producer (for example an API function's role) may send to the queue, nothing else.
producer_role = lambda_role("api-role")
jobs.grant_send(producer_role)

pulumi.export("jobs_queue_url", jobs.url)
pulumi.export("jobs_dlq_arn", jobs.dlq_arn)
