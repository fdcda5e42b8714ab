"""Programs (制度): who they are for, whom to tell, when; later also notices, approval and schedules."""
