import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { AppContextProvider } from './app/app-context'
import { EditHistory } from './db/edits'
import { openArchive } from './db/open-archive'
import { detectHost } from './host'
import './app/styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <AppContextProvider db={openArchive()} host={detectHost()} history={new EditHistory()}>
      <App />
    </AppContextProvider>
  </StrictMode>,
)
