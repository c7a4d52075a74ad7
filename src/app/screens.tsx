// The screens past the first, loaded on demand so the first screen stays small. Only App.tsx imports
// this registry, so a screen may import the route model (routes.tsx) without an import circle.
import { lazy } from 'react';

export const NewTestScreen = lazy(() => import('./form/NewTestScreen'));
export const FormScreen = lazy(() => import('./form/FormScreen'));
export const LiveCallScreen = lazy(() => import('./live/LiveCallScreen'));
export const PrintScreen = lazy(() => import('./print/PrintScreen'));
export const SettingsScreen = lazy(() => import('./settings/SettingsScreen'));
export const ReviewScreen = lazy(() => import('./review/ReviewScreen'));
export const PlanScreen = lazy(() => import('./review/PlanScreen'));
export const ReportScreen = lazy(() => import('./review/ReportScreen'));
export const AdminScreen = lazy(() => import('./admin/AdminScreen'));
export const SetupScreen = lazy(() => import('./setup/SetupScreen'));
