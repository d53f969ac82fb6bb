// The SDK reads AWS_ENDPOINT_URL itself: unset in AWS, pointed at the emulator locally.
// Adaptive retries back off and slow down on throttling, on top of Warden's own rate limits.
// Each client has a file of its own, so a function bundles and loads only the clients it uses.
export const CLIENT_OPTIONS = { maxAttempts: 6, retryMode: 'adaptive' } as const;
