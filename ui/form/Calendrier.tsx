import { CalendarDate, getLocalTimeZone, parseDate, today } from '@internationalized/date';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  Dialog,
  DialogTrigger,
  Heading,
  I18nProvider,
  Popover,
} from 'react-aria-components';
import { useContext, useState } from 'react';
import { Aujourdhui } from './aujourdhui.ts';
import { jour, lireJour } from '../../forms/dates.ts';

/** « 15/01/2027 » → the calendar's date; undefined for anything that is not a real date. */
export function dateDuTexte(texte: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(lireJour(texte.trim()));
  if (!m) return undefined;
  const [annee, mois, j] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mois < 1 || mois > 12 || j < 1) return undefined;
  const date = new CalendarDate(annee, mois, j);
  // CalendarDate constrains 31/02 to 28/02: a date the user did not type is not a date.
  return date.day === j && date.month === mois ? date : undefined;
}

/** The calendar's date as the field's text: « 15/01/2027 ». */
export const texteDeLaDate = (d: CalendarDate) => jour(d.toString());

/**
 * Issue 12 (9): a calendar beside a date field, for those who prefer to pick the day. The field
 * stays a text input (typing « 15/01/2027 » works as before); the button opens a react-aria
 * calendar (a grid the arrows move in, in French), whose choice is written into the field as if
 * typed; Échap closes it and gives the focus back to the button. An empty field opens on the
 * service's today (`Aujourdhui`). The button's name leaves out
 * the field's label (it follows the field; a search by label finds the input alone); the open
 * calendar is named after the field.
 */
export function BoutonCalendrier({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const [ouvert, setOuvert] = useState(false);
  const choisie = dateDuTexte(value);
  const jourDuService = useContext(Aujourdhui);
  return (
    <I18nProvider locale="fr-FR">
      <DialogTrigger isOpen={ouvert} onOpenChange={setOuvert}>
        <Button className="field__calendrier" aria-label="Ouvrir le calendrier">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path
              fill="currentColor"
              d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm12 8H5v9h14v-9ZM5 6v2h14V6H5Zm2 6h2v2H7v-2Zm4 0h2v2h-2v-2Zm4 0h2v2h-2v-2Z"
            />
          </svg>
        </Button>
        <Popover className="calendrier__popover" placement="bottom end">
          <Dialog className="calendrier" aria-label={`Calendrier : ${label}`}>
            <Calendar
              autoFocus
              aria-label={label}
              value={choisie ?? null}
              defaultFocusedValue={
                choisie ?? (jourDuService ? parseDate(jourDuService) : today(getLocalTimeZone()))
              }
              onChange={(d) => {
                onChange(texteDeLaDate(d));
                setOuvert(false);
              }}
            >
              <header className="calendrier__entete">
                <Button slot="previous" className="calendrier__mois" aria-label="Mois précédent">
                  ‹
                </Button>
                <Heading className="calendrier__titre" />
                <Button slot="next" className="calendrier__mois" aria-label="Mois suivant">
                  ›
                </Button>
              </header>
              <CalendarGrid className="calendrier__grille">
                {(date) => <CalendarCell date={date} className="calendrier__jour" />}
              </CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DialogTrigger>
    </I18nProvider>
  );
}
