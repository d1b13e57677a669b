"""Draws the Liaison icon (two linked rings on a blue tile) at every size the manifest lists. Pure stdlib."""
import struct, zlib, math, sys, os

def png(size):
    rows = []
    s = size
    r_outer, r_inner = 0.26 * s, 0.17 * s
    c1, c2 = (0.38 * s, 0.5 * s), (0.62 * s, 0.5 * s)
    for y in range(s):
        row = bytearray([0])
        for x in range(s):
            px, py = x + 0.5, y + 0.5
            # rounded tile
            m = 0.18 * s
            dx = max(m - px, 0, px - (s - m)); dy = max(m - py, 0, py - (s - m))
            inside = math.hypot(dx, dy) <= m
            if not inside:
                row += bytes([0, 0, 0, 0]); continue
            color = (9, 105, 218, 255)
            for (cx, cy) in (c1, c2):
                d = math.hypot(px - cx, py - cy)
                if r_inner <= d <= r_outer:
                    color = (255, 255, 255, 255)
            row += bytes(color)
        rows.append(bytes(row))
    raw = b''.join(rows)
    def chunk(t, d):
        c = struct.pack('>I', len(d)) + t + d
        return c + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', s, s, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

out = sys.argv[1] if len(sys.argv) > 1 else 'public/icons'
os.makedirs(out, exist_ok=True)
for size in (16, 32, 48, 128):
    with open(os.path.join(out, f'icon-{size}.png'), 'wb') as f:
        f.write(png(size))
