/** Status 0 stands for "no answer at all", as fetch reports it. */
const NO_ANSWER = 0

/** An API refusal as the server states it: `{"error": {"code", "message", "details"}}` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** 401: the session is missing or expired. */
  get notLoggedIn(): boolean {
    return this.status === 401
  }

  /** The server never answered (down, or the network is cut). */
  get noAnswer(): boolean {
    return this.status === NO_ANSWER
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown }
}

async function errorFrom(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as ErrorBody
  const code = typeof body.error?.code === 'string' ? body.error.code : `http_${res.status}`
  const message = typeof body.error?.message === 'string' ? body.error.message : res.statusText
  return new ApiError(res.status, code, message, body.error?.details)
}

/** GET a JSON resource from the app's own origin, with the session cookie. */
export async function getJson<T>(path: string, query: Record<string, string> = {}): Promise<T> {
  const search = new URLSearchParams(query).toString()
  let res: Response
  try {
    res = await fetch(search ? `${path}?${search}` : path, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
  } catch (cause) {
    throw new ApiError(NO_ANSWER, 'no_answer', cause instanceof Error ? cause.message : String(cause))
  }
  if (!res.ok) throw await errorFrom(res)
  return (await res.json()) as T
}
