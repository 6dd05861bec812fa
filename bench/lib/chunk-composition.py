# Not part of the bench run: a helper used while diagnosing (see bench/README.md). Splits an
# unminified rolldown chunk at its "// path" module comments and prints gzip bytes per package/folder.
import re, sys, gzip, collections
for f in sys.argv[1:]:
    s = open(f).read()
    parts = re.split(r'^// ((?:\\0)?[\w@./-]+\.(?:[cm]?js|tsx?|json|css))$', s, flags=re.M)
    agg = collections.Counter()
    for i in range(1, len(parts), 2):
        name = parts[i]
        m = re.match(r'(node_modules/(?:@[^/]+/)?[^/]+|src/[^/]+/[^/]+(?=/)|src/[^/]+)', name)
        agg[m.group(1) if m else name] += len(gzip.compress(parts[i + 1].encode(), 9))
    total = len(gzip.compress(s.encode(), 9))
    print(f'== {f}: {len(s)} raw, {total} gzip -9 (parts below are compressed separately, so they sum higher)')
    for k, v in agg.most_common(30):
        print('   %7d %s' % (v, k))
