export function LabView() {
  return null;
}
