"""The message parser: pure functions from chat text to a Parse (see parse-spec.md)."""

from nlp.customers import extend, prepare
from nlp.parser import parse
from nlp.types import (
    CustomerRef,
    Directory,
    DirectoryCompany,
    DirectoryPerson,
    NewCustomer,
    Parse,
    TaskSpec,
)
from nlp.when import read_when

__all__ = [
    "CustomerRef",
    "Directory",
    "DirectoryCompany",
    "DirectoryPerson",
    "NewCustomer",
    "Parse",
    "TaskSpec",
    "extend",
    "parse",
    "prepare",
    "read_when",
]
