import { ClientError } from 'graphql-request';

/** The first top-level error's code and the HTTP status of a refused request. */
export async function topLevelError(request: Promise<unknown>): Promise<{ code: unknown; status: number; message: string }> {
  try {
    await request;
  } catch (error) {
    if (error instanceof ClientError) {
      const first = error.response.errors?.[0];
      return { code: first?.extensions?.code, status: error.response.status, message: first?.message ?? '' };
    }
    throw error;
  }
  throw new Error('expected the request to fail, but it succeeded');
}
