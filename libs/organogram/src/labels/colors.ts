/** Fill of a portal user group: the same login has the same colour at every client, in both outputs. */
const GROUP_COLORS = ['#dbeafe', '#fce7f3', '#dcfce7', '#fef3c7', '#ede9fe', '#cffafe', '#ffe4e6', '#ecfccb'];

export function groupColor(groupIndex: number): string {
  return GROUP_COLORS[groupIndex % GROUP_COLORS.length];
}
