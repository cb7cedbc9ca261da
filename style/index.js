import './base.css';
import './snapshots.css';
import './dashboard.css';
