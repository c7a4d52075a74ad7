// The app: shell, banners and the screen the hash names. Screens past the first load on demand.
import { Suspense } from 'react';
import { TestsScreen } from './list/TestsScreen';
import { isPhone, useRoute, type Route } from './routes';
import { AdminScreen, FormScreen, LiveCallScreen, NewTestScreen, PlanScreen, PrintScreen, ReportScreen, ReviewScreen, SettingsScreen, SetupScreen } from './screens';
import { Banners } from './shell/Banners';
import { Loading } from './shell/Loading';
import { Shell } from './shell/Shell';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <TestsScreen />;
    case 'new':
      return <NewTestScreen />;
    case 'test':
      return (route.view ?? (isPhone() ? 'live' : 'sheet')) === 'live' ? <LiveCallScreen id={route.id} /> : <FormScreen id={route.id} />;
    case 'print':
      return <PrintScreen id={route.id} />;
    case 'settings':
      return <SettingsScreen />;
    case 'review':
      return <ReviewScreen />;
    case 'plan':
      return <PlanScreen />;
    case 'report':
      return <ReportScreen />;
    case 'admin':
      return <AdminScreen />;
    case 'setup':
      return <SetupScreen />;
  }
}

export function App() {
  const route = useRoute();
  return (
    <Shell route={route}>
      <Banners />
      <Suspense fallback={<Loading />}>
        <Screen route={route} />
      </Suspense>
    </Shell>
  );
}
