/** Every problem strategy.validate reported for the open document, with its path, in one list. */
import Alert from '@mui/material/Alert';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import { describeIssue } from '../../../src-shared/strategy/issues.ts';
import { useStrategies } from '../../state/strategies.ts';

export function IssueList() {
  const issues = useStrategies((s) => s.issues);
  const checking = useStrategies((s) => s.checking);
  const jsonError = useStrategies((s) => s.jsonError);
  if (issues.length === 0) {
    return (
      <Alert severity={checking || jsonError !== null ? 'info' : 'success'} data-testid="strategy-issues" data-count={0} data-checking={checking}>
        {checking ? 'Checking…' : 'No problems: the strategy can run.'}
      </Alert>
    );
  }
  return (
    <Alert severity="error" data-testid="strategy-issues" data-count={issues.length} data-checking={checking}>
      {`${issues.length} problem(s):`}
      <List dense disablePadding>
        {issues.map((issue, i) => (
          <ListItem key={i} disableGutters data-testid="strategy-issue" data-path={issue.path}>
            {describeIssue(issue)}
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
