export const CHROMIUM_ARGS: string[]
export function chromiumExecutable(): string | undefined
