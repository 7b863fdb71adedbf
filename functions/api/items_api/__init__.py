"""Items API: a JSON document service on S3, served by one Lambda function behind an HTTP API."""

__version__ = "0.2.0"
