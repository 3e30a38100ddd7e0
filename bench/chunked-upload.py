#!/usr/bin/env python3
"""Uploads a file as PATCH chunks and a closing PUT on one keep-alive connection, as docker and containerd do.

Usage: chunked-upload.py UPLOAD_URL FILE CHUNK_BYTES DIGEST. Each chunk is streamed from the file in 1 MiB blocks;
the upload URL each answer's Location names is followed. Exits non-zero on any answer other than 202 / 201.
"""
import http.client
import os
import sys
import urllib.parse

BLOCK = 1024 * 1024


class Slice:
    """A file-like view of FILE[offset, offset + length), read in blocks by http.client."""

    def __init__(self, file, offset, length):
        self.file, self.left = file, length
        file.seek(offset)

    def read(self, size=-1):
        size = self.left if size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        return data


def main():
    url, path, chunk, digest = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, blocksize=BLOCK)
    target = parsed.path + ("?" + parsed.query if parsed.query else "")
    size = os.path.getsize(path)
    with open(path, "rb", buffering=0) as file:
        offset = 0
        while offset < size:
            length = min(chunk, size - offset)
            connection.request("PATCH", target, body=Slice(file, offset, length), headers={
                "Content-Type": "application/octet-stream",
                "Content-Range": f"{offset}-{offset + length - 1}",
                "Content-Length": str(length),
            })
            target = answer(connection, 202, target)
            offset += length
    separator = "&" if "?" in target else "?"
    connection.request("PUT", f"{target}{separator}digest={urllib.parse.quote(digest)}", headers={"Content-Length": "0"})
    answer(connection, 201, target)


def answer(connection, expected, target):
    response = connection.getresponse()
    response.read()
    if response.status != expected:
        sys.exit(f"{response.status} {response.reason} for {target}")
    location = response.getheader("Location")
    return urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl() if location else target


if __name__ == "__main__":
    main()
