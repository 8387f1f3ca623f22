"""The message parser: pure functions from chat text to a Parse (see parse-spec.md).

Compile the team directory once (`compile`), extend the matcher when entries are added
(`matcher.extended`), and pass it to `parse` or `find_customers` with each message.
"""

from nlp.index import Matcher, compile
from nlp.parser import find_customers, parse
from nlp.types import (
    CustomerRef,
    Directory,
    DirectoryCompany,
    DirectoryPerson,
    InteractionKind,
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
    "InteractionKind",
    "Matcher",
    "NewCustomer",
    "Parse",
    "TaskSpec",
    "compile",
    "find_customers",
    "parse",
    "read_when",
]
