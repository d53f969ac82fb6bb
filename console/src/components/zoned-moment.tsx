import { timeZones } from '../format.js';

export interface ZonedMomentValue {
  localDateTime: string;
  timeZone: string;
}

/**
 * A date and time with the time zone it is read in, chosen explicitly: nothing is assumed from
 * the browser. The zones the deployment and this browser use are offered first.
 */
export function ZonedMomentFields(props: {
  id: string;
  value: ZonedMomentValue;
  suggested: string[];
  onChange: (value: ZonedMomentValue) => void;
}) {
  const { id, value, onChange } = props;
  const suggested = [...new Set(props.suggested.filter(Boolean))];
  return (
    <div class="zoned-moment">
      <div class="field">
        <label for={`${id}-when`}>Date and time</label>
        <input
          id={`${id}-when`}
          type="datetime-local"
          required
          value={value.localDateTime}
          onInput={(e) => onChange({ ...value, localDateTime: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={`${id}-zone`}>Time zone of that date and time</label>
        <select
          id={`${id}-zone`}
          required
          value={value.timeZone}
          onChange={(e) => onChange({ ...value, timeZone: e.currentTarget.value })}
        >
          <option value="">Choose a time zone</option>
          <optgroup label="Suggested">
            {suggested.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </optgroup>
          <optgroup label="All time zones">
            {timeZones().map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
    </div>
  );
}
