"""A PNG reader in pure Python (zlib only): 8-bit RGB and RGBA, non-interlaced,
which is what Chromium's screenshots are.  Image(path).pixel(x, y) -> (r, g, b)."""
import struct
import zlib


class Image:
    """The decoded pixels of one PNG file."""

    def __init__(self, path):
        data = open(path, "rb").read()
        if data[:8] != b"\x89PNG\r\n\x1a\n":
            raise ValueError(f"{path}: not a PNG file")
        pos, idat = 8, []
        while pos < len(data):
            n, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + n]
            if kind == b"IHDR":
                self.width, self.height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
                if depth != 8 or ctype not in (2, 6) or interlace:
                    raise ValueError(f"{path}: only 8-bit RGB/RGBA, non-interlaced PNG is read")
                self.channels = 3 if ctype == 2 else 4
            elif kind == b"IDAT":
                idat.append(body)
            pos += 12 + n
        self.rows = self._unfilter(zlib.decompress(b"".join(idat)))

    def _unfilter(self, raw):
        """Undo the PNG scanline filters (None, Sub, Up, Average, Paeth)."""
        bpp, stride = self.channels, self.width * self.channels
        rows, prev, pos = [], bytearray(stride), 0
        for _ in range(self.height):
            f, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
            pos += 1 + stride
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                if f == 1:
                    line[i] = (line[i] + a) & 255
                elif f == 2:
                    line[i] = (line[i] + b) & 255
                elif f == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(line)
            prev = line
        return rows

    def pixel(self, x, y):
        """(r, g, b) at integer page pixel (x, y)."""
        x, y = int(x), int(y)
        i = x * self.channels
        return tuple(self.rows[y][i:i + 3])


def write_crop(img, path, x, y, w, h):
    """Write the w x h region of img at (x, y) as an RGB PNG file."""
    w, h = min(w, img.width - x), min(h, img.height - y)
    c = img.channels
    raw = b"".join(b"\x00" + bytes(b for i in range(x, x + w) for b in img.rows[r][i * c:i * c + 3])
                   for r in range(y, y + h))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
