"""Loaded by every Python process started with this folder on PYTHONPATH (tests/test_server_local.py).

Records, through Python's audit hooks, every name lookup, outgoing connection and bound address
of a Streamlit process into $NETWORK_PROBE_LOG, one JSON line each, so that the test can fail on
anything that is not localhost."""

import json
import os
import sys

_LOG = os.environ.get("NETWORK_PROBE_LOG")


def _record(event: str, args: tuple) -> None:
    if event not in ("socket.connect", "socket.getaddrinfo", "socket.bind", "socket.sendto"):
        return
    if event == "socket.getaddrinfo":
        address = [args[0], args[1]]
    else:
        address = args[1] if isinstance(args[1], (tuple, list)) else [args[1]]
    line = json.dumps({"event": event, "address": [str(part) for part in address], "pid": os.getpid()})
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


if _LOG and any("streamlit" in part for part in sys.argv):
    sys.addaudithook(_record)
