#!/usr/bin/env python3
"""Run a command on a pseudo-terminal and keep everything it wrote there.

    pty-run.py OUT COMMAND [ARG...]

The command's stdin, stdout and stderr are the terminal; OUT gets the bytes
written to it, with the escape sequences made visible for FileCheck:
carriage return <CR>, erase-line <EL>, erase-below <ED>, cursor up N <UPn>.
Exits with the command's status.
"""
import os
import pty
import re
import sys


def main():
    out, argv = sys.argv[1], sys.argv[2:]
    chunks = []

    def read(fd):
        data = os.read(fd, 65536)
        chunks.append(data)
        return data

    # pty.spawn copies our stdin to the terminal; give it nothing.
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    status = pty.spawn(argv, master_read=read, stdin_read=lambda fd: b"")
    text = b"".join(chunks).decode("utf-8", "replace")
    text = text.replace("\r\n", "\n")
    text = re.sub(r"\x1b\[(\d+)A", r"<UP\1>", text)
    text = text.replace("\x1b[K", "<EL>").replace("\x1b[J", "<ED>")
    text = text.replace("\r", "<CR>")
    with open(out, "w") as f:
        f.write(text)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
