#!/usr/bin/env python3
"""Render an HTML file in headless Chromium through the DevTools protocol.

Usage: render.py FILE.html OUT.png OUT.json [WIDTH [OUT.pdf]]

Writes a full-page screenshot (OUT.png) and a JSON record (OUT.json) of:
the console messages, JavaScript exceptions and browser log entries of the
page ("errors" holds those of level error), every network request that is
not the file itself ("requests": a self-contained page makes none), and the
page-pixel boxes of the elements the browser suite checks (bars, matrix
cells, charts), of the layout checks (the blocks: tables, their scrolling
containers and charts; text squeezed to one character a line; the page
and viewport widths; the headings), and, with OUT.pdf, the page printed
to PDF as the browser prints it (Page.printToPDF, the document's @page
size) with the widths of the print layout at A4's text width.  Standard
library only: a minimal WebSocket client speaks
the protocol.  Exits non-zero if Chromium cannot be driven.
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-color-profile=srgb", "--remote-debugging-port=0"]

# The boxes the suite checks, in page pixels (document coordinates).
COLLECT_JS = r"""
(() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height}; };
  const out = {bars: [], cells: [], charts: [], chips: [], fonts: [], blocks: [], squeezed: []};
  document.querySelectorAll('table.targets tr[data-indicator] .bar').forEach(b => {
    const tr = b.closest('tr');
    out.bars.push({indicator: +tr.dataset.indicator, status: tr.dataset.status,
      fill_attr: +b.dataset.fill, mark_attr: +b.dataset.mark,
      track: box(b), fill: box(b.querySelector('.fill')), mark: box(b.querySelector('.mark'))});
  });
  document.querySelectorAll('table.matrix td.cell').forEach(c => out.cells.push(
    {unit: c.dataset.unit, indicator: +c.dataset.indicator, status: c.dataset.status,
     text: c.textContent, box: box(c)}));
  document.querySelectorAll('figure.chart').forEach(f => out.charts.push(
    {indicator: +f.dataset.indicator, box: box(f.querySelector('svg')),
     paths: f.querySelectorAll('path').length}));
  document.querySelectorAll('table.targets .chip').forEach(c => out.chips.push(
    {status: c.closest('tr').dataset.status, text: c.textContent, box: box(c)}));
  // the blocks that must not overlap: a table's scrolling container (what
  // is seen of it), else the table; the charts
  document.querySelectorAll('table').forEach(t => {
    const w = t.closest('.tw') || t;
    out.blocks.push({kind: 'table.' + t.className, box: box(w)});
  });
  document.querySelectorAll('figure.chart').forEach(f => out.blocks.push({kind: 'chart', box: box(f)}));
  // text squeezed to one character a line: a text node of two or more
  // characters broken into as many line boxes as it has characters
  // (horizontal text only; the matrix headers are vertical by design)
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.replace(/\s+/g, '');
    if (text.length < 2) continue;
    if (getComputedStyle(n.parentElement).writingMode !== 'horizontal-tb') continue;
    const r = document.createRange(); r.selectNodeContents(n);
    const lines = new Set(Array.from(r.getClientRects()).filter(q => q.width > 0).map(q => Math.round(q.top)));
    if (lines.size >= 2 && lines.size >= text.length)
      out.squeezed.push({text: n.textContent.slice(0, 40), lines: lines.size,
                         in: n.parentElement.tagName + '.' + n.parentElement.className});
  }
  out.headings = Array.from(document.querySelectorAll('h2,h3')).map(h => h.textContent);
  out.legends = Array.from(document.querySelectorAll('p.legend,p.note')).map(h => h.textContent);
  out.first_table = {head: Array.from(document.querySelectorAll('table')[0].querySelectorAll('thead th')).map(h => h.textContent),
                     first_row: (document.querySelector('table td.name') || {}).textContent};
  out.viewport = {w: window.innerWidth};
  out.title = document.title;
  out.page = {w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight};
  out.font_ok = document.fonts.check('16px "Noto Sans CJK SC"', '邵阳') ;
  return JSON.stringify(out);
})()
"""


class WebSocket:
    """A WebSocket client: enough of RFC 6455 for the DevTools protocol."""

    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        req = (f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(req.encode())
        resp = b""
        while b"\r\n\r\n" not in resp:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise OSError("websocket handshake: connection closed")
            resp += chunk
        head, self.buf = resp.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise OSError("websocket handshake refused: " + head.decode(errors="replace"))

    def send(self, text):
        data = text.encode()
        n = len(data)
        hdr = bytes([0x81])
        if n < 126:
            hdr += bytes([0x80 | n])
        elif n < 65536:
            hdr += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            hdr += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise OSError("websocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv(self):
        parts = []
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            op = b0 & 0x0F
            if op == 8:
                raise OSError("websocket closed by the browser")
            if op in (0, 1, 2):
                parts.append(payload)
                if b0 & 0x80:
                    return b"".join(parts).decode()


class Page:
    """One DevTools session: commands by id, events kept in order."""

    def __init__(self, ws):
        self.ws, self.next_id, self.events = ws, 0, []

    def call(self, method, session=None, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            m = json.loads(self.ws.recv())
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, timeout=60):
        t0 = time.time()
        while time.time() - t0 < timeout:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(i)
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(method)


def main():
    html, png, out_json = sys.argv[1:4]
    width = int(sys.argv[4]) if len(sys.argv) > 4 else 1280
    pdf = sys.argv[5] if len(sys.argv) > 5 else None
    url = "file://" + os.path.abspath(html)
    profile = tempfile.mkdtemp(prefix="report-chromium-")
    proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=open(out_json + ".chromium.log", "w"))
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        for _ in range(600):
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            if proc.poll() is not None:
                raise RuntimeError("chromium exited with status %s" % proc.returncode)
            time.sleep(0.1)
        port, path = open(port_file).read().split("\n")[:2]
        cdp = Page(WebSocket(f"ws://127.0.0.1:{port}{path}"))
        target = cdp.call("Target.createTarget", url="about:blank")["targetId"]
        sid = cdp.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            cdp.call(domain + ".enable", session=sid)
        cdp.call("Emulation.setDeviceMetricsOverride", session=sid, width=width, height=900,
                 deviceScaleFactor=1, mobile=False)
        cdp.call("Page.navigate", session=sid, url=url)
        cdp.wait_event("Page.loadEventFired")
        cdp.call("Runtime.evaluate", session=sid, expression="document.fonts.ready", awaitPromise=True)
        info = json.loads(cdp.call("Runtime.evaluate", session=sid, expression=COLLECT_JS,
                                   returnByValue=True)["result"]["value"])
        shot = cdp.call("Page.captureScreenshot", session=sid, format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": 0, "width": info["page"]["w"], "height": info["page"]["h"],
                              "scale": 1})
        with open(png, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        if pdf:
            # The print layout at A4's text width (210 mm less the @page
            # margins of 12 mm: 703 CSS pixels): the widest element.
            cdp.call("Emulation.setEmulatedMedia", session=sid, media="print")
            cdp.call("Emulation.setDeviceMetricsOverride", session=sid, width=703, height=900,
                     deviceScaleFactor=1, mobile=False)
            info["print"] = json.loads(cdp.call("Runtime.evaluate", session=sid, returnByValue=True, expression=r"""
              JSON.stringify({page_w: document.documentElement.scrollWidth,
                wide: Array.from(document.querySelectorAll('table,figure,.kpis,h2,p')).filter(
                  e => e.getBoundingClientRect().right > 703.5).map(e => e.tagName + '.' + e.className).slice(0, 10)})
            """)["result"]["value"])
            cdp.call("Emulation.setEmulatedMedia", session=sid, media="")
            cdp.call("Emulation.clearDeviceMetricsOverride", session=sid)
            out = cdp.call("Page.printToPDF", session=sid, preferCSSPageSize=True, printBackground=True)
            with open(pdf, "wb") as f:
                f.write(base64.b64decode(out["data"]))
        # Drain what is left, then sort the events out.
        cdp.call("Runtime.evaluate", session=sid, expression="1")
        console, errors, requests = [], [], []
        for e in cdp.events:
            p = e.get("params", {})
            if e.get("method") == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                console.append({"level": p.get("type"), "text": text})
                if p.get("type") in ("error", "assert"):
                    errors.append("console." + p.get("type") + ": " + text)
            elif e.get("method") == "Runtime.exceptionThrown":
                errors.append("exception: " + json.dumps(p.get("exceptionDetails", {}))[:500])
            elif e.get("method") == "Log.entryAdded":
                entry = p.get("entry", {})
                console.append({"level": entry.get("level"), "text": entry.get("text")})
                if entry.get("level") == "error":
                    errors.append("log: " + str(entry.get("text")) + " " + str(entry.get("url", "")))
            elif e.get("method") == "Network.requestWillBeSent":
                u = p.get("request", {}).get("url", "")
                if u != url:
                    requests.append(u)
        info.update(console=console, errors=errors, requests=requests)
        with open(out_json, "w") as f:
            json.dump(info, f, ensure_ascii=False, indent=1)
        cdp.call("Browser.close")
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
