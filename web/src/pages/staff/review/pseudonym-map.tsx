import type { PseudonymEntry } from '../staff-api.js';
import { useStaffText } from '../messages.js';

/** The story's pseudonym map (original → replacement): editors only, as the API gives it. */
export function PseudonymMap({ pseudonyms }: { readonly pseudonyms: readonly PseudonymEntry[] }) {
  const { t: s } = useStaffText();
  return (
    <section class="pseudonym-map" aria-labelledby="pseudonym-map-title">
      <h3 id="pseudonym-map-title">{s('deid.map')}</h3>
      {pseudonyms.length === 0 ? (
        <p>{s('deid.mapEmpty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="staff-table">
            <thead>
              <tr>
                <th scope="col">{s('deid.map.original')}</th>
                <th scope="col">{s('deid.map.replacement')}</th>
                <th scope="col">{s('deid.map.category')}</th>
              </tr>
            </thead>
            <tbody>
              {pseudonyms.map((p) => (
                <tr key={p.original}>
                  <td>{p.original}</td>
                  <td>{p.replacement}</td>
                  <td>{s(`category.${p.category}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
