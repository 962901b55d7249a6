import json, subprocess, sys, os
from concurrent.futures import ThreadPoolExecutor
lib = sys.argv[1]; opts = json.loads(sys.argv[2]); terms = json.load(open(sys.argv[3]))
def run(v, t, fmt):
    env = dict(os.environ, XDG_CACHE_HOME=f'/tmp/trial16/on-{v}')
    p = subprocess.run(['timeout','60',f'/tmp/trial16/{v}','--report',lib,'search',*opts,*fmt,'--',*t], capture_output=True, env=env)
    return p.returncode, p.stdout, p.stderr
def one(t):
    out = []
    for fmt in ([], ['--json']):
        a = run('lawgov', t, fmt); b = run('lawgov-old', t, fmt)
        if a != b: out.append((t, fmt, a[0], b[0], a[2][-200:], b[2][-200:], len(a[1]), len(b[1])))
    return out
with ThreadPoolExecutor(2) as ex:
    for r in ex.map(one, terms):
        for p in r: print('DIFF', p, flush=True)
print('done', len(terms), opts)
