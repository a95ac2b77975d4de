import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { AppContextProvider } from './app/app-context'
import { guardLeaving } from './app/leaving'
import { activeArchiveName } from './db/archive-name'
import { EditHistory } from './db/edits'
import { openArchive } from './db/open-archive'
import { UpgradeBackupFailed } from './features/backup/UpgradeBackupFailed'
import { backUpBeforeUpgrade, tidyAfterRestore } from './features/backup/startup'
import { requestPersistence } from './features/backup/storage'
import { detectHost } from './host'
import './app/styles.css'

const element = document.getElementById('root')
if (!element) throw new Error('index.html has no #root element')
const root = createRoot(element)
const host = detectHost()

function showApp(): void {
  const db = openArchive()
  guardLeaving(window, db)
  root.render(
    <StrictMode>
      <AppContextProvider db={db} host={host} history={new EditHistory()}>
        <App />
      </AppContextProvider>
    </StrictMode>,
  )
}

async function start(): Promise<void> {
  // A browser may clear a site's data when space runs low, unless it promised to keep it.
  if (!host.backups.automatic) void requestPersistence()
  await tidyAfterRestore()
  try {
    await backUpBeforeUpgrade(host, activeArchiveName())
  } catch (err) {
    root.render(
      <StrictMode>
        <UpgradeBackupFailed error={err} onContinue={showApp} />
      </StrictMode>,
    )
    return
  }
  showApp()
}

void start()
