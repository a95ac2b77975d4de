/**
 * Where an import's CPU time goes, from Linux's per-thread counters
 * (/proc/<pid>/task/<tid>/stat): the Chromium that runs the bench page is
 * found by its profile folder, and every process below it is read. Two
 * snapshots, taken when the import passes 10% and 90% of its files, give the
 * CPU each kind of thread spent on the files in between, so start-up and the
 * last batches do not count.
 *
 * Thread names are Chromium's: the import's Web Workers run on
 * "DedicatedWorker" threads of the renderer, IndexedDB runs on the browser
 * process's thread pool, and the renderer's thread pool runs V8's concurrent
 * garbage collection and WebCrypto's digests.
 */
import { readFileSync, readdirSync } from 'node:fs'

/** Clock ticks per second of /proc's counters (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100

export const CPU_GROUPS = [
  'import workers (JS)',
  'IndexedDB (browser thread pool)',
  'GC and WebCrypto (renderer thread pool)',
  'page main thread',
  'other',
] as const
export type CpuGroup = (typeof CPU_GROUPS)[number]

type Snapshot = { at: number; ticks: Map<string, { group: CpuGroup; ticks: number }> }

export type CpuUse = {
  files: number
  wallSeconds: number
  /** CPU seconds per group over those files. */
  seconds: Record<CpuGroup, number>
}

export function cpuSamplingAvailable(): boolean {
  try {
    readdirSync('/proc/self/task')
    return true
  } catch {
    return false
  }
}

/** The processes of the Chromium whose profile is this folder, browser first. */
function chromiumProcesses(profile: string): { pid: string; type: string }[] {
  const parents = new Map<string, string[]>()
  let browser: string | null = null
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] as string
      parents.set(ppid, [...(parents.get(ppid) ?? []), pid])
      if (browser === null) {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        if (cmdline.includes(`--user-data-dir=${profile}`) && !cmdline.includes('--type=')) {
          browser = pid
        }
      }
    } catch {
      // A process that ended while being read.
    }
  }
  if (browser === null) return []
  const out: { pid: string; type: string }[] = []
  const queue = [browser]
  while (queue.length > 0) {
    const pid = queue.shift() as string
    let cmdline: string
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue
    }
    out.push({ pid, type: /--type=([^\0 ]+)/.exec(cmdline)?.[1] ?? 'browser' })
    queue.push(...(parents.get(pid) ?? []))
  }
  return out
}

function groupOf(processType: string, thread: string): CpuGroup {
  if (processType === 'renderer') {
    if (thread.startsWith('DedicatedWorker')) return 'import workers (JS)'
    if (thread.startsWith('ThreadPoolForeg')) return 'GC and WebCrypto (renderer thread pool)'
    if (thread === 'chromium' || thread === 'chrome') return 'page main thread'
  }
  if (processType === 'browser' && thread.startsWith('ThreadPoolForeg')) {
    return 'IndexedDB (browser thread pool)'
  }
  return 'other'
}

export function snapshot(profile: string): Snapshot {
  const ticks: Snapshot['ticks'] = new Map()
  for (const { pid, type } of chromiumProcesses(profile)) {
    let tids: string[]
    try {
      tids = readdirSync(`/proc/${pid}/task`)
    } catch {
      continue
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        // utime and stime: fields 14 and 15 of stat, 11 and 12 after the name.
        const used = Number(fields[11]) + Number(fields[12])
        ticks.set(`${pid}/${tid}`, { group: groupOf(type, name), ticks: used })
      } catch {
        // A thread that ended while being read.
      }
    }
  }
  return { at: performance.now(), ticks }
}

export function cpuBetween(from: Snapshot, to: Snapshot, files: number): CpuUse {
  const seconds = Object.fromEntries(CPU_GROUPS.map((g) => [g, 0])) as Record<CpuGroup, number>
  for (const [key, { group, ticks }] of to.ticks) {
    const before = from.ticks.get(key)?.ticks ?? 0
    seconds[group] += (ticks - before) / TICKS_PER_SECOND
  }
  return { files, wallSeconds: (to.at - from.at) / 1000, seconds }
}
