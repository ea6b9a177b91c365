"""A real nginx on loopback serving a built Portico site through the build's generated access rules
(`access/nginx.conf` included in a server block), for the site checks."""
import os
import pathlib
import shutil
import socket
import subprocess
import time


class Nginx:
    def __init__(self, site_out, work):
        self.rules = pathlib.Path(site_out) / "access" / "nginx.conf"
        if not self.rules.exists() or not (pathlib.Path(site_out) / "access" / "htpasswd").exists():
            raise SystemExit("the build wrote no access rules (access/nginx.conf, access/htpasswd)")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.prefix = pathlib.Path(work) / "nginx"
        (self.prefix / "logs").mkdir(parents=True, exist_ok=True)
        self.process = None

    def __enter__(self):
        prefix = self.prefix
        user_line = "user root;" if os.geteuid() == 0 else ""
        (prefix / "nginx.conf").write_text(f"""
{user_line}
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{self.port};
        include {self.rules};
    }}
}}
""")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        args = [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"]
        test = subprocess.run(args + ["-t"], capture_output=True, text=True)
        if test.returncode != 0:
            raise SystemExit("nginx rejects the generated configuration:\n" + test.stderr)
        self.process = subprocess.Popen(args + ["-g", "daemon off;"])
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        return self

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
        return False
