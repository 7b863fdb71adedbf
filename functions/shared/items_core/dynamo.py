"""DynamoDB attribute values (low-level client format) for the plain values records hold."""

from typing import Any


def to_attribute(value: Any) -> dict[str, Any]:
    """A DynamoDB attribute value (low-level format) for the plain values records hold."""
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, list):
        return {"L": [to_attribute(entry) for entry in value]}
    if isinstance(value, dict):
        return {"M": {name: to_attribute(entry) for name, entry in value.items()}}
    if value is None:
        return {"NULL": True}
    raise TypeError(f"cannot store {type(value).__name__} in a record")


def from_attribute(value: dict[str, Any]) -> Any:
    """The plain value of a DynamoDB attribute value written by ``to_attribute``."""
    (kind, data), *_ = value.items()
    if kind == "N":
        return int(data)
    if kind == "L":
        return [from_attribute(entry) for entry in data]
    if kind == "M":
        return {name: from_attribute(entry) for name, entry in data.items()}
    if kind == "NULL":
        return None
    return data


def to_item(record: dict[str, Any]) -> dict[str, Any]:
    return {name: to_attribute(value) for name, value in record.items() if value is not None}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {name: from_attribute(value) for name, value in item.items()}
