import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, it } from 'vitest'
import { expectSearchIndexDropped } from './search-index-support'

const NAME = 'migration-v012'
afterEach(() => Dexie.delete(NAME))

it('drops the version 11 search index, keeps saved searches, and the rebuilt index finds phrases', async () => {
  await expectSearchIndexDropped(NAME, 11, 12)
})
