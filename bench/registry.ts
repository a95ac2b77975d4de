/**
 * Every bench `npm run bench` knows, in the order it runs them. A new bench
 * (search, compare) is a module exporting a `Bench`, added here.
 */
import { backupBench } from './backup/bench.ts'
import { compareBench } from './compare/bench.ts'
import { extractBench } from './extract/bench.ts'
import { importBench } from './import/bench.ts'
import { readerBench } from './reader/bench.ts'
import { searchBench } from './search/bench.ts'
import { tagsBench } from './tags/bench.ts'
import type { Bench } from './types.ts'

export const BENCHES: readonly Bench[] = [
  extractBench,
  importBench,
  readerBench,
  tagsBench,
  searchBench,
  compareBench,
  backupBench,
]
