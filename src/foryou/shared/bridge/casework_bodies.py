"""Bodies of the program-application kinds (casework.*), in the pattern of foryou.shared.bridge.bodies:
explicit JSON keys, unknown keys ignored, optional fields with defaults that mean what absence meant."""

from dataclasses import dataclass
from typing import ClassVar

from foryou.shared.bridge.kinds import CASEWORK_FORM, CASEWORK_STATUS, CASEWORK_SUBMITTED, REQUIRED, _require


@dataclass(frozen=True, kw_only=True)
class CaseworkFormBody:
    """A program's application form, for the gateway to show (public text: no resident data)."""
    KIND: ClassVar[str] = CASEWORK_FORM
    program: str  # the program's code
    program_name: str
    department: str = ""
    version: int
    digest: str  # foryou.shared.forms.definition.FormDefinition.digest: which form an application answered
    definition: dict  # FormDefinition.to_dict()
    contact_phone: str = ""

    def to_dict(self) -> dict:
        return {"program": self.program, "program_name": self.program_name, "department": self.department,
                "version": self.version, "digest": self.digest, "definition": self.definition,
                "contact_phone": self.contact_phone}

    @classmethod
    def from_dict(cls, data: dict) -> "CaseworkFormBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(program=data["program"], program_name=data["program_name"], department=data.get("department", ""),
                   version=int(data["version"]), digest=data["digest"], definition=data["definition"],
                   contact_phone=data.get("contact_phone", ""))


@dataclass(frozen=True, kw_only=True)
class FileRef:
    """A sealed file waiting in the gateway: its id for /bridge/v1/files and its sealed size in bytes."""
    id: str
    size: int


@dataclass(frozen=True, kw_only=True)
class CaseworkSubmittedBody:
    KIND: ClassVar[str] = CASEWORK_SUBMITTED
    ref: str  # the gateway's id of the submission (its event's message id)
    receipt: str  # 受付番号 as the resident was shown it
    program: str
    digest: str  # of the form answered
    number: str  # the registrant's registration number
    sealed: str  # base64 of a sealed box: {"answers": {...}, "files": [{id, attachment, name, type, size, key}]}
    files: tuple[FileRef, ...] = ()
    received_at: str
    corrects: str = ""  # the receipt of the application this corrects (不備あり → corrected), or ""
    via: str = ""  # line | email

    def to_dict(self) -> dict:
        return {"ref": self.ref, "receipt": self.receipt, "program": self.program, "digest": self.digest,
                "number": self.number, "sealed": self.sealed, "files": [{"id": f.id, "size": f.size} for f in self.files],
                "received_at": self.received_at, "corrects": self.corrects, "via": self.via}

    @classmethod
    def from_dict(cls, data: dict) -> "CaseworkSubmittedBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        files = tuple(FileRef(id=str(f["id"]), size=int(f.get("size", 0)))
                      for f in data.get("files", []) if isinstance(f, dict) and "id" in f)
        return cls(ref=data["ref"], receipt=data["receipt"], program=data["program"], digest=data["digest"],
                   number=data["number"], sealed=data["sealed"], files=files, received_at=data["received_at"],
                   corrects=data.get("corrects", ""), via=data.get("via", ""))


@dataclass(frozen=True, kw_only=True)
class CaseworkStatusBody:
    """A status change to tell the resident. `note` is staff's text (what to fix, the reason for a refusal);
    `protected` (支援措置) makes the gateway send only the program and the status: nothing a household member
    could learn from beyond that, and no link."""
    KIND: ClassVar[str] = CASEWORK_STATUS
    receipt: str
    number: str
    program: str
    program_name: str = ""
    status: str  # foryou.shared.forms.statuses code
    note: str = ""
    contact_phone: str = ""
    protected: bool = False
    at: str

    def to_dict(self) -> dict:
        return {"receipt": self.receipt, "number": self.number, "program": self.program,
                "program_name": self.program_name, "status": self.status, "note": self.note,
                "contact_phone": self.contact_phone, "protected": self.protected, "at": self.at}

    @classmethod
    def from_dict(cls, data: dict) -> "CaseworkStatusBody":
        _require(cls.KIND, data, REQUIRED[cls.KIND])
        return cls(receipt=data["receipt"], number=data["number"], program=data["program"],
                   program_name=data.get("program_name", ""), status=data["status"], note=data.get("note", ""),
                   contact_phone=data.get("contact_phone", ""), protected=bool(data.get("protected", False)),
                   at=data["at"])
