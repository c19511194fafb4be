"""Sealed backups: the copy on a USB stick, encrypted (AES-256-GCM) with a key derived from the administrator's
passphrase, so that a lost stick gives away nothing of the children's data.

The administrator chooses the passphrase on the settings page; scrypt turns it and a random salt into the key,
which this PC keeps in the OS user's own settings folder (owner-only, beside the PIN secret), so that the
automatic backups at start and exit are sealed with nobody there to type it. The passphrase itself is kept
nowhere: it is the administrator's, on paper. A sealed file carries its salt and scrypt's parameters, so a new
PC restores it given the passphrase; on the PC that sealed it no passphrase is needed.

The file: a magic line, a JSON header line, then chunks of at most 1 MiB, each sealed with its own nonce (a
random prefix and the chunk's number) and the header, its number and a last-chunk flag as associated data: a
changed, reordered, truncated or extended file fails to open, and a wrong passphrase is told apart from damage.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from qsh_desk import private
from qsh_desk.services.errors import InvalidInput, Problem, Refused

MAGIC = b"QSH-DESK-SEALED-BACKUP 1\n"
SUFFIX = ".sealed"  # after the backup's own name: …-exit.sqlite3.sealed
CHUNK = 1 << 20
MIN_PASSPHRASE = 10
# scrypt at 32 MiB and about 0.1 s a guess: a passphrase of ten or more characters is out of an offline search.
SCRYPT = {"n": 1 << 15, "r": 8, "p": 1}
_LENGTH = struct.Struct(">I")

WRONG_PASSPHRASE = "口令不对，这份加密备份打不开。请输入设置“加密 U 盘备份”时定的口令（区分大小写）。"
DAMAGED = "这份加密备份不完整或已损坏（可能复制时 U 盘被拔出），不能用来恢复。请换一份备份。"


@dataclass(frozen=True)
class Key:
    """The key this PC seals with, and the salt and parameters it was derived with."""

    key: bytes
    salt: bytes
    params: dict[str, int]


def key_path() -> Path:
    from qsh_desk.station_secret import config_folder

    return config_folder() / "backup-key"


def passphrase_problems(passphrase: str) -> list[Problem]:
    if len(passphrase or "") < MIN_PASSPHRASE:
        return [Problem(f"口令至少要 {MIN_PASSPHRASE} 个字符（可以是一句好记的话，如“高新社区周六见2026”）。",
                        field="口令")]
    return []


def derive(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=params["n"], r=params["r"], p=params["p"],
                          maxmem=128 * 1024 * 1024, dklen=32)


def set_passphrase(passphrase: str) -> Key:
    """From now on second copies are sealed with a key from this passphrase (kept on this PC, not the phrase)."""
    problems = passphrase_problems(passphrase)
    if problems:
        raise InvalidInput(problems)
    salt = secrets.token_bytes(16)
    key = Key(derive(passphrase, salt, SCRYPT), salt, dict(SCRYPT))
    private.private_folder(key_path().parent)
    stored = {"key": key.key.hex(), "salt": salt.hex(), **key.params}
    private.write_bytes(key_path(), json.dumps(stored).encode("ascii"))
    return key


def stop_sealing() -> None:
    """Second copies are plain again (sealed ones already on the stick still need the passphrase)."""
    key_path().unlink(missing_ok=True)


def current_key() -> Key | None:
    """This PC's sealing key, or None when second copies are not sealed."""
    try:
        stored = json.loads(key_path().read_text(encoding="ascii"))
        return Key(bytes.fromhex(stored["key"]), bytes.fromhex(stored["salt"]),
                   {name: int(stored[name]) for name in SCRYPT})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def opens_here(path: str | os.PathLike[str]) -> bool:
    """True when this PC's key sealed the file (no passphrase needed to restore it)."""
    mine = current_key()
    if mine is None:
        return False
    try:
        with open(path, "rb") as file:
            _, fields = _header(file)
    except (OSError, Refused):
        return False
    return fields["salt"] == mine.salt


def is_sealed(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _aead(key: bytes):  # noqa: ANN202 - cryptography's AESGCM, imported when sealing
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _check(key: bytes) -> str:
    """Stored in the header: tells a wrong passphrase from a damaged file without revealing the key."""
    return hmac.new(key, b"QSH-DESK sealed backup key check", hashlib.sha256).hexdigest()[:32]


def _nonce(prefix: bytes, number: int) -> bytes:
    return prefix + number.to_bytes(4, "big")


def _aad(header: bytes, number: int, last: bool) -> bytes:
    return header + number.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def seal(source: Path, target: Path, key: Key) -> str:
    """Write `source` sealed into `target` (owner-only where the folder keeps modes); returns the plain file's
    SHA-256, for the check that reads it back."""
    prefix = secrets.token_bytes(8)
    header = json.dumps({"salt": key.salt.hex(), **key.params, "nonce": prefix.hex(), "chunk": CHUNK,
                         "check": _check(key.key)}, sort_keys=True).encode("ascii") + b"\n"
    aead, digest = _aead(key.key), hashlib.sha256()
    with open(source, "rb") as plain, open(target, "wb") as out:
        private.tighten(target)
        out.write(MAGIC + header)
        number, block = 0, plain.read(CHUNK)
        while True:
            following = plain.read(CHUNK) if block else b""
            last = not following
            digest.update(block)
            sealed = aead.encrypt(_nonce(prefix, number), block, _aad(header, number, last))
            out.write(_LENGTH.pack(len(sealed)) + sealed)
            if last:
                break
            number, block = number + 1, following
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def _header(file: BinaryIO) -> tuple[bytes, dict]:
    if file.read(len(MAGIC)) != MAGIC:
        raise Refused("这个文件不是本程序的加密备份。")
    header = file.readline(4096)
    try:
        fields = json.loads(header)
        fields["salt"], fields["nonce"] = bytes.fromhex(fields["salt"]), bytes.fromhex(fields["nonce"])
        for name in SCRYPT:
            int(fields[name])
    except (ValueError, KeyError, TypeError):
        raise Refused(DAMAGED) from None
    return header, fields


def _key_for(fields: dict, passphrase: str | None) -> bytes:
    """This PC's key when the file was sealed with it; else the passphrase's."""
    mine = current_key()
    if mine is not None and mine.salt == fields["salt"] and passphrase is None:
        return mine.key
    if passphrase is None:
        raise NeedsPassphrase("这份备份是加密的，而且不是用这台电脑现在的口令加密的：请输入加密时定的口令。")
    try:
        key = derive(passphrase, fields["salt"], {name: int(fields[name]) for name in SCRYPT})
    except ValueError:  # parameters no release writes (beyond scrypt's memory cap)
        raise Refused(DAMAGED) from None
    if not hmac.compare_digest(_check(key), str(fields.get("check", ""))):
        raise InvalidInput(Problem(WRONG_PASSPHRASE, field="口令"))
    return key


class NeedsPassphrase(Refused):
    """A sealed backup from another PC (or after 不再加密): its passphrase is needed to open it."""


def _chunks(path: Path, passphrase: str | None) -> Iterator[bytes]:
    from cryptography.exceptions import InvalidTag

    with open(path, "rb") as file:
        header, fields = _header(file)
        aead = _aead(_key_for(fields, passphrase))
        number = 0
        while True:
            length = file.read(_LENGTH.size)
            if len(length) != _LENGTH.size:
                raise Refused(DAMAGED)  # no last chunk: cut short
            sealed = file.read(_LENGTH.unpack(length)[0])
            nonce = _nonce(fields["nonce"], number)
            try:
                yield aead.decrypt(nonce, sealed, _aad(header, number, False))
            except InvalidTag:
                try:
                    block = aead.decrypt(nonce, sealed, _aad(header, number, True))
                except InvalidTag:
                    raise Refused(DAMAGED) from None
                if file.read(1):
                    raise Refused(DAMAGED)  # something after the last chunk
                yield block
                return
            number += 1


def digest_of(path: Path, passphrase: str | None = None) -> str:
    """The SHA-256 of what the sealed file holds, opening every chunk (the check of a fresh sealed copy)."""
    digest = hashlib.sha256()
    for block in _chunks(path, passphrase):
        digest.update(block)
    return digest.hexdigest()


def unseal(source: Path, target: Path, passphrase: str | None = None) -> None:
    """Write what `source` holds into `target` (owner-only); a wrong passphrase or damage leaves no target."""
    try:
        with open(target, "wb") as out:
            private.tighten(target)
            for block in _chunks(source, passphrase):
                out.write(block)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
