import { Component, type ReactNode } from 'react'
import { messageOf } from '../../components/use-live-result'

type Props = { name: string; children: ReactNode }

/**
 * Keeps a failing read from taking the whole window down: the section that
 * failed says so in words, with the error, and can be tried again.
 */
export class SectionBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null }

  static getDerivedStateFromError(error: unknown) {
    return { error }
  }

  override render() {
    if (this.state.error === null) return this.props.children
    return (
      <div className="section-error" role="alert">
        <p>
          {this.props.name} could not be shown: {messageOf(this.state.error)}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
