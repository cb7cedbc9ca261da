import './base.css';
import './sidebar.css';
import './snapshots.css';
import './snapshot-diff.css';
import './dashboard.css';
import './rhythm.css';
import './plan-editing.css';
import './mentoring.css';
