/** The element the findings table renders into, in the report and on the console's run page. */
export const FINDINGS_ROOT_ID = 'findings';

/** The HTML report's `<script type="application/json">` element that carries every finding. */
export const FINDINGS_DATA_ID = 'warden-findings';
