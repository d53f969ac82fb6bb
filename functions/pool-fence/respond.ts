import { WardenError } from '../core/shared/errors.js';
import type { FenceResponse } from './fence-event.js';

/** Sends CloudFormation the outcome of a custom-resource event. */
export type RespondToCloudFormation = (url: string, response: FenceResponse) => Promise<void>;

/** A PUT to the event's presigned response URL, as CloudFormation expects it. */
export const respondToCloudFormation: RespondToCloudFormation = async (url, response) => {
  const body = JSON.stringify(response);
  const answer = await fetch(url, {
    method: 'PUT',
    body,
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
  });
  if (!answer.ok)
    throw new WardenError(`CloudFormation did not take the response (${answer.status})`);
};
