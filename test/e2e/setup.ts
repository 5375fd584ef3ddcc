// End-to-end tests drive real terraform and a real local cloud: minutes, not the unit default of 5 s.
jest.setTimeout(180_000);
