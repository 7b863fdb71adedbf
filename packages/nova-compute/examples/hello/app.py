"""A tiny handler for the nova-compute example: greets whoever the event names."""

import json
import os


def handler(event, context):
    name = (event or {}).get("name", "world")
    greeting = os.environ.get("GREETING", "Hello")
    return {"statusCode": 200, "body": json.dumps({"message": f"{greeting}, {name}!"})}
