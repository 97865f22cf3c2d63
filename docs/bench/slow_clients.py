"""Idle and slow-header clients, and a real request meanwhile: docs/BENCHMARKS.md quotes its output.

Usage: python3 docs/bench/slow_clients.py <base URL>   (run by docs/bench/slow_clients.sh)

Opens 1,000 TCP connections that send nothing and 200 that send a request's
headers one byte a second (slowloris), holds them for 15 s, and meanwhile
times five real sign-ins. Loopback only; stops by itself.
"""

import asyncio
import json
import statistics
import sys
import time
import urllib.parse

IDLE, SLOW, HOLD_SECS = 1000, 200, 15


async def idle(host, port, stop):
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return "idle: refused"
    await stop.wait()
    try:
        closed = await asyncio.wait_for(reader.read(1), 0.5) == b""
    except (asyncio.TimeoutError, OSError):
        closed = False
    writer.close()
    return "idle: closed by the server" if closed else "idle: still open"


async def slow(host, port, stop):
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        while not stop.is_set():
            writer.write(b"X")
            await writer.drain()
            await asyncio.sleep(1)
        writer.close()
        return "slow-header: still open"
    except (OSError, ConnectionError):
        return "slow-header: closed by the server"


async def sign_in(host, port):
    body = json.dumps({"email": "admin@acme.example", "password": "bench-password"}).encode()
    started = time.monotonic()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    status = (await reader.readline()).split()[1].decode()
    await reader.read()
    writer.close()
    return time.monotonic() - started, status


async def main(base):
    url = urllib.parse.urlparse(base)
    host, port = url.hostname, url.port
    stop = asyncio.Event()
    clients = [asyncio.create_task(idle(host, port, stop)) for _ in range(IDLE)]
    clients += [asyncio.create_task(slow(host, port, stop)) for _ in range(SLOW)]
    await asyncio.sleep(2)
    timings = []
    for _ in range(5):
        timings.append(await sign_in(host, port))
        await asyncio.sleep(2)
    await asyncio.sleep(max(0, HOLD_SECS - 12))
    stop.set()
    outcomes = await asyncio.gather(*clients)
    print(f"{IDLE} idle and {SLOW} slow-header connections held for {HOLD_SECS} s")
    print("real sign-ins meanwhile:", ", ".join(f"{t:.3f} s ({s})" for t, s in timings))
    print(f"median {statistics.median(t for t, _ in timings):.3f} s")
    for outcome in sorted(set(outcomes)):
        print(f"  {outcome}: {outcomes.count(outcome)}")


asyncio.run(main(sys.argv[1]))
