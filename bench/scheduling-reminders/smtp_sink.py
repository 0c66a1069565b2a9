#!/usr/bin/env python3
"""A local SMTP server for the reminders bench: accepts every message (no TLS, no auth) and writes
one line per message to OUT: "<epoch seconds received> <Message-ID>". Prints PORT=<port> when ready.

    python3 smtp_sink.py OUT
"""
import asyncio
import re
import sys
import time

OUT = open(sys.argv[1], "a", buffering=1)
MESSAGE_ID = re.compile(rb"^message-id:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


async def session(reader, writer):
    def send(line):
        writer.write(line.encode() + b"\r\n")

    send("220 bench-sink ESMTP")
    await writer.drain()
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb in (b"EHLO",):
                writer.write(b"250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            elif verb == b"DATA":
                send("354 go ahead")
                await writer.drain()
                data = bytearray()
                while True:
                    chunk = await reader.readline()
                    if not chunk or chunk == b".\r\n":
                        break
                    data += chunk
                found = MESSAGE_ID.search(bytes(data))
                OUT.write(f"{time.time():.6f} {found.group(1).decode() if found else '-'}\n")
                send("250 accepted")
            elif verb == b"QUIT":
                send("221 bye")
                await writer.drain()
                break
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                send("250 ok")
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", 0)
    print(f"PORT={server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
