"""The message parser: pure functions from chat text to a Parse (see parse-spec.md)."""

from rapport.nlp.customers import extend, prepare
from rapport.nlp.parser import parse
from rapport.nlp.types import (
    CustomerRef,
    Directory,
    DirectoryCompany,
    DirectoryPerson,
    NewCustomer,
    Parse,
    TaskSpec,
)

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
]
