// Hard debugging cases: the symptom is real but points away from the cause.
import type { Rng } from '../lib/prng.ts';
import type { Entity } from '../lib/vocab.ts';

type HardBug = (e: Entity, rng: Rng) => { code: string; symptom: string; context: string };
const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const HARD_BUGS: readonly HardBug[] = [
  (e, r) => ({
    context: `Go service, ${r.int(8, 64)} goroutines, runs fine for hours then hangs.`,
    code: `\`\`\`go\nfunc (s *Store) Transfer(a, b *${cap(e.one)}, amt int) {\n\ta.mu.Lock()\n\tdefer a.mu.Unlock()\n\tb.mu.Lock()\n\tdefer b.mu.Unlock()\n\ta.${cap(e.field)} -= amt\n\tb.${cap(e.field)} += amt\n}\n\`\`\``,
    symptom: 'all goroutines blocked in sync.(*Mutex).Lock; pprof shows pairs waiting on each other',
  }),
  (e, r) => ({
    context: `Node 20 API, memory grows ~${r.int(20, 90)} MB/hour until the pod is OOMKilled. Heap snapshots show many closures retaining request objects.`,
    code: `\`\`\`typescript\nconst listeners = new Map<string, () => void>();\nexport function watch${cap(e.one)}(req: Request, id: string) {\n  const onChange = () => notify(req, id);\n  emitter.on('${e.one}:' + id, onChange);\n  listeners.set(id, onChange);\n}\nexport function unwatch(id: string) {\n  listeners.delete(id);\n}\n\`\`\``,
    symptom: 'RSS climbs steadily; MaxListenersExceededWarning appears in logs after a while',
  }),
  (e) => ({
    context: 'Reporting query, Postgres 15.',
    code: `\`\`\`sql\nSELECT count(*) FROM ${e.many}\nWHERE ${e.one}_id NOT IN (SELECT ${e.one}_id FROM archived_${e.many});\n\`\`\``,
    symptom: `returns 0 since yesterday, although most ${e.many} are not archived; yesterday someone inserted archive rows from a CSV import`,
  }),
  (e, r) => ({
    context: `Python test suite; passes locally (Europe/${r.pick(['Berlin', 'Lisbon', 'Paris'])}), fails in CI only between 00:00 and 0${r.int(1, 2)}:00 UTC.`,
    code: `\`\`\`python\nfrom datetime import datetime, date\n\ndef is_due_today(${e.one}):\n    return ${e.one}.due.date() == date.today()\n\ndef test_due_today():\n    ${e.one} = make_${e.one}(due=datetime.utcnow())\n    assert is_due_today(${e.one})\n\`\`\``,
    symptom: 'assertion fails intermittently in CI',
  }),
  (e, r) => ({
    context: `Finance job sums ${r.int(1, 9)} million ${e.one} ${e.field}s nightly; totals differ from the database SUM by a few cents.`,
    code: `\`\`\`python\ntotal = 0.0\nfor row in cursor:\n    total += row["${e.field}"] * (1 + row["tax_rate"])\nreport["total"] = round(total, 2)\n\`\`\``,
    symptom: `mismatch of 0.0${r.int(1, 9)} to 0.${r.int(1, 4)}${r.int(0, 9)} vs the reconciliation query; auditors want exact cents`,
  }),
  (e) => ({
    context: 'Rust, trying to cache parsed records.',
    code: `\`\`\`rust\nstruct Cache<'a> { items: HashMap<u64, &'a ${cap(e.one)}> }\n\nimpl<'a> Cache<'a> {\n    fn load(&mut self, id: u64) -> &'a ${cap(e.one)} {\n        let parsed = ${cap(e.one)}::parse(&fetch(id));\n        self.items.insert(id, &parsed);\n        self.items[&id]\n    }\n}\n\`\`\``,
    symptom: 'error[E0597]: `parsed` does not live long enough; adding more lifetimes makes it worse',
  }),
  (e, r) => ({
    context: `React + TypeScript dashboard; the ${e.one} list sometimes shows data for the previously selected filter.`,
    code: `\`\`\`tsx\nuseEffect(() => {\n  fetch(\`/api/${e.many}?filter=\${filter}\`)\n    .then((r) => r.json())\n    .then((data) => set${cap(e.many)}(data));\n}, [filter]);\n\`\`\``,
    symptom: `happens when switching filters quickly; network tab shows responses arriving out of order (${r.int(200, 900)}ms vs ${r.int(20, 150)}ms)`,
  }),
  (e, r) => ({
    context: `Kubernetes: ${e.one} service behind an ingress. p99 latency spikes to exactly ${r.pick([5, 10, 30])}s every few minutes; CPU and DB look fine.`,
    code: `\`\`\`yaml\nreadinessProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  periodSeconds: 5\nlifecycle: {}\nterminationGracePeriodSeconds: 30\n# HPA scales between 3 and ${r.int(8, 20)} replicas on CPU\n\`\`\``,
    symptom: 'spikes coincide with HPA scale-down events; some clients get connection reset',
  }),
  (e) => ({
    context: 'Bash deploy script; sometimes deploys an empty config to production.',
    code: `\`\`\`bash\n#!/bin/bash\nCONFIG=$(curl -s https://config.internal/${e.many}.json)\necho "$CONFIG" > /etc/app/${e.many}.json\nsystemctl restart app\n\`\`\``,
    symptom: 'every few weeks the service restarts with an empty config file and crashes; the config server had a brief outage at the same time',
  }),
  (e, r) => ({
    context: `Python asyncio worker processes ${e.many} from a queue with a semaphore of ${r.int(5, 50)}.`,
    code: `\`\`\`python\nasync def worker(queue, sem):\n    while True:\n        item = await queue.get()\n        async with sem:\n            asyncio.create_task(process_${e.one}(item))\n        queue.task_done()\n\`\`\``,
    symptom: 'downstream API gets far more concurrent calls than the semaphore limit, then rate-limits us; some errors are "Task exception was never retrieved"',
  }),
  (e, r) => ({
    context: `Two replicas of a TypeScript service increment ${e.one} counters in Postgres. Under load counts are lower than the number of events by ~${r.int(1, 5)}%.`,
    code: `\`\`\`typescript\nconst row = await db.one('SELECT ${e.field} FROM ${e.many} WHERE id = $1', [id]);\nawait db.none('UPDATE ${e.many} SET ${e.field} = $1 WHERE id = $2', [row.${e.field} + 1, id]);\n\`\`\``,
    symptom: 'lost updates, no errors logged; isolation level is the default',
  }),
  (e, r) => ({
    context: `Java service with a fixed thread pool of ${r.int(4, 16)}; after a dependency slowed down, the whole service stopped responding, even endpoints that don't call it.`,
    code: `\`\`\`java\nCompletableFuture<${cap(e.one)}> f = CompletableFuture.supplyAsync(() -> client.fetch${cap(e.one)}(id), pool);\nreturn f.thenApplyAsync(x -> enrich(x), pool).get();\n\`\`\``,
    symptom: 'thread dump shows every pool thread in CompletableFuture.get(); no timeouts are configured',
  }),
];
